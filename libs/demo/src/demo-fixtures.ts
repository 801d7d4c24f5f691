import type { Role } from '@qf/database';

/** The one password every demo login uses (demo data is for development only). */
export const DEMO_PASSWORD = 'qingfeng-demo-2026';

export interface DemoUnit {
  key: string;
  name: string;
  parent?: string;
}

/** A discipline-inspection department's party committee with three branches and two party groups. */
export const DEMO_UNITS: DemoUnit[] = [
  { key: 'dept', name: '某市纪委监委机关党委' },
  { key: 'branch1', name: '第一党支部', parent: 'dept' },
  { key: 'group1', name: '第一党小组', parent: 'branch1' },
  { key: 'group2', name: '第二党小组', parent: 'branch1' },
  { key: 'branch2', name: '第二党支部', parent: 'dept' },
  { key: 'branch3', name: '第三党支部', parent: 'dept' },
];

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  unit: string;
}

const members = (unit: string, people: [string, string][]): DemoUser[] =>
  people.map(([username, displayName]) => ({ username, displayName, role: 'member' as const, unit }));

export const DEMO_USERS: DemoUser[] = [
  { username: 'jijian', displayName: '纪检干部 王纪', role: 'auditor', unit: 'dept' },
  { username: 'dangwei', displayName: '机关党委 周书记', role: 'organiser', unit: 'dept' },
  { username: 'zhangwei', displayName: '张伟（第一党支部书记）', role: 'organiser', unit: 'branch1' },
  { username: 'liuyang', displayName: '刘洋（第二党支部书记）', role: 'organiser', unit: 'branch2' },
  { username: 'chenjing', displayName: '陈静（第三党支部书记）', role: 'organiser', unit: 'branch3' },
  { username: 'zhaolei', displayName: '赵磊（第一党小组组长）', role: 'organiser', unit: 'group1' },
  ...members('dept', [['sunli', '孙丽'], ['guoqiang', '郭强']]),
  ...members('branch1', [['lina', '李娜'], ['wangfang', '王芳'], ['yangmin', '杨敏']]),
  ...members('group1', [['huangtao', '黄涛'], ['zhoujie', '周杰'], ['wuhua', '吴华'], ['xuming', '徐明']]),
  ...members('group2', [['sunyu', '孙宇'], ['mahui', '马慧'], ['zhuling', '朱玲'], ['huyan', '胡燕']]),
  ...members('branch2', [['linfeng', '林峰'], ['hexin', '何欣'], ['gaoyuan', '高远'], ['luoqing', '罗青'], ['zhengkai', '郑凯'], ['liangbo', '梁波']]),
  ...members('branch3', [['songjia', '宋佳'], ['tangning', '唐宁'], ['hanxue', '韩雪'], ['fengchao', '冯超'], ['dengli', '邓莉'], ['caoyang', '曹阳']]),
];

export type CatalogKind = 'theory' | 'history' | 'song' | 'integrity' | 'warning_film' | 'case_study' | 'regulation' | 'other';

export interface DemoCatalogItem {
  key: string;
  title: string;
  kind: CatalogKind;
  summary: string;
  durationMinutes: number;
}

export const DEMO_CATALOG: DemoCatalogItem[] = [
  { key: 'theory1', title: '《习近平谈治国理政》选读', kind: 'theory', summary: '集中研读第四卷“全面从严治党”专题', durationMinutes: 40 },
  { key: 'theory2', title: '《共产党宣言》导读', kind: 'theory', summary: '重温马克思主义经典著作', durationMinutes: 30 },
  { key: 'history1', title: '党史故事：遵义会议', kind: 'history', summary: '伟大转折中的实事求是', durationMinutes: 20 },
  { key: 'history2', title: '党史故事：“两弹一星”精神', kind: 'history', summary: '热爱祖国、无私奉献、自力更生、艰苦奋斗', durationMinutes: 20 },
  { key: 'song1', title: '《没有共产党就没有新中国》', kind: 'song', summary: '集体合唱', durationMinutes: 5 },
  { key: 'song2', title: '《唱支山歌给党听》', kind: 'song', summary: '集体合唱', durationMinutes: 5 },
  { key: 'integrity1', title: '廉政文化：家风家教', kind: 'integrity', summary: '以优良家风涵养清风正气', durationMinutes: 15 },
  { key: 'film1', title: '警示教育片《零容忍》', kind: 'warning_film', summary: '中央纪委国家监委专题片', durationMinutes: 50 },
  { key: 'case1', title: '以案说纪：违规收受礼品礼金典型案例', kind: 'case_study', summary: '剖析违反中央八项规定精神问题', durationMinutes: 25 },
  { key: 'regulation1', title: '《中国共产党纪律处分条例》学习', kind: 'regulation', summary: '逐条学习六项纪律', durationMinutes: 30 },
  { key: 'other1', title: '学习心得交流', kind: 'other', summary: '党员自由发言', durationMinutes: 15 },
];

/** The friday_study menu: theory + history + song as main courses, the rest as side dishes. */
export const DEMO_MENU = {
  name: '周五集中学习套餐（示例）',
  items: [
    { item: 'theory1', course: 'main' },
    { item: 'history1', course: 'main' },
    { item: 'song1', course: 'main' },
    { item: 'integrity1', course: 'side' },
    { item: 'case1', course: 'side' },
  ] as { item: string; course: 'main' | 'side' }[],
};

/** Demo supervision items, one per colour: [owner, supervisor, title, time limit in days, days since assignment, days until due, status]. */
export const DEMO_SUPERVISION_ITEMS: [string, string, string, number, number, number, string][] = [
  ['lina', 'zhangwei', '完善支部“三会一课”记录台账', 7, 1, 8, 'accepted'],
  ['wangfang', 'zhangwei', '落实党风廉政建设责任清单', 10, 10, 3, 'accepted'],
  ['huangtao', 'zhaolei', '整理警示教育片观后感汇编', 7, 8.5, 1, 'accepted'],
  ['linfeng', 'liuyang', '报送第二季度主题党日活动材料', 3, 6, -1, 'assigned'],
  ['zhoujie', 'zhaolei', '核对党费收缴明细', 3, 3, 1.5, 'reported'],
  ['yangmin', 'zhangwei', '组织观看《零容忍》专题片', 1, 5, -3, 'closed'],
];

/** Demo talks in 第一党支部: [talker, talkee, kind, days ago, summary, private]. */
export const DEMO_TALKS: [string, string, string, number, string, boolean][] = [
  ['zhangwei', 'lina', 'secretary_member', 12, '围绕廉洁自律准则、八小时以外生活圈开展谈心谈话，提醒严守纪律底线。', false],
  ['zhangwei', 'wangfang', 'reminder', 5, '针对近期公务接待中的苗头性问题进行提醒谈话。', true],
  ['dangwei', 'zhangwei', 'leader_staff', 20, '落实全面从严治党主体责任，压实支部书记第一责任人责任。', false],
];
