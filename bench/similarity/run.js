#!/usr/bin/env node
/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';
/**
 * Reflection collection benchmark (not part of `npm test`; run after `npm run build`):
 *
 *   node bench/similarity/run.js         # SAMPLE=200 submissions measured at each size
 *
 * One assignment; its collected submissions are first brought to 1,000, then to 10,000 (essays on
 * one topic: shared stock phrases plus each writer's own text, every tenth a lightly edited copy
 * of an earlier one). At each size, SAMPLE more submissions are collected one after another by the
 * real ReflectionCollectionService (shingles → MinHash → LSH bucket lookup in PostgreSQL → exact
 * score of the candidates → store buckets → notify the organiser), and the mean cost per submission
 * is measured. Prints both and their ratio (goal ≤ 2: the lookup is sublinear, not a scan of every
 * other essay), and writes bench/.out/similarity.json.
 *
 * Its own embedded PostgreSQL (fsync off unless BENCH_PG_FSYNC=1).
 */
const support = require('../support');
const { dist, migratedDatabase, msSince, runMain, startServices, writeResult } = support;
const { dataSourceOptions } = require(dist('libs/database/src/data-source-options'));
const { ReflectionCollectionService, shingleHashes, minHash, lshBuckets } = require(dist('libs/reflections/src'));
const { ReflectionRepository } = require(dist('libs/reflections/src/reflection.repository'));
const { NotificationsService } = require(dist('libs/notifications/src'));
const { NotificationRepository } = require(dist('libs/notifications/src/notification.repository'));
const { DataSource } = require('typeorm');

const SIZES = [1_000, 10_000];
const SAMPLE = Number(process.env.SAMPLE ?? 200);
const GOAL = 2;
/** Two decimals by default here (the figures are a few milliseconds). */
const round = (n, d = 2) => support.round(n, d);

const PHRASES = (
  '警示教育 理想信念 廉洁自律 以案为鉴 以案促改 全面从严治党 中央八项规定精神 纪律规矩 拒腐防变 慎独慎微 ' +
  '党性修养 初心使命 为人民服务 权力观 政绩观 监督执纪 作风建设 形式主义 官僚主义 清正廉洁 ' +
  '思想防线 廉政风险 党章党规党纪 政治本色 家风建设 反腐败斗争 零容忍 自我革命 红线底线 敬畏之心'
).split(' ');
const HAN = Array.from(
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严',
);

function rng(seed) {
  let x = seed >>> 0 || 1;
  return () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 8) / 16_777_216;
}

/** An essay of about 600 字 on the topic: stock phrases between the writer's own words. */
function essay(i) {
  const r = rng(i + 7);
  let out = '';
  while (out.length < 600) {
    if (r() < 0.3) out += PHRASES[Math.floor(r() * PHRASES.length)];
    else for (let k = 0, n = 4 + Math.floor(r() * 12); k < n; k++) out += HAN[Math.floor(r() * HAN.length)];
    out += r() < 0.2 ? '。' : '，';
  }
  return out;
}

/** About a tenth of the characters changed. */
function edited(text, seed) {
  const r = rng(seed);
  return Array.from(text)
    .map((c) => (r() < 0.1 ? HAN[Math.floor(r() * HAN.length)] : c))
    .join('');
}

/** Every tenth essay is an edited copy of an earlier submission. */
const bodyFor = (i) => (i % 10 === 9 ? edited(bodyFor(Math.floor(i / 2)), i) : essay(i));

async function main() {
  const { pg, stop } = await startServices('similarity', { redis: false });
  let ds;
  try {
    const url = await migratedDatabase(pg, 'bench');
    ds = new DataSource(dataSourceOptions(url, 4));
    await ds.initialize();

    const total = SIZES[SIZES.length - 1] + SIZES.length * SAMPLE;
    const [{ id: unitId }] = await ds.query(
      `INSERT INTO units (id, name, parent_id, path) SELECT g.id, '机关党委', NULL, '/' || g.id || '/' FROM (SELECT gen_random_uuid() AS id) g RETURNING id`,
    );
    const [{ id: organiserId }] = await ds.query(
      `INSERT INTO users (username, display_name, password_hash, role, unit_id) VALUES ('org', '书记', 'x', 'organiser', $1) RETURNING id`,
      [unitId],
    );
    await ds.query(
      `INSERT INTO users (username, display_name, password_hash, role, unit_id) SELECT 'p' || g, '成员' || g, 'x', 'member', $1 FROM generate_series(1, $2) g`,
      [unitId, total],
    );
    const [{ id: assignmentId }] = await ds.query(
      `INSERT INTO reflection_assignments (title, owner_unit_id, audience_unit_ids, min_chars, due_at, status, created_by)
       VALUES ('观看《零容忍》心得体会', $1, ARRAY[$1::uuid], 300, now() + interval '7 days', 'open', $2) RETURNING id`,
      [unitId, organiserId],
    );
    await ds.query(
      `INSERT INTO reflection_tasks (assignment_id, user_id, due_at)
       SELECT $1, id, now() + interval '7 days' FROM users WHERE role = 'member'`,
      [assignmentId],
    );
    const taskIds = (await ds.query(`SELECT id FROM reflection_tasks WHERE assignment_id = $1 ORDER BY id`, [assignmentId])).map((r) => r.id);
    let next = 0; // index of the next unused task

    /** Background submissions, stored and indexed in bulk (as if already collected). */
    async function fillTo(n) {
      while (collectedCount < n) {
        const batch = Math.min(1_000, n - collectedCount);
        const ids = taskIds.slice(next, next + batch);
        const bodies = ids.map((_, k) => bodyFor(next + k));
        const bands = [];
        const hashes = [];
        const owners = [];
        for (let k = 0; k < ids.length; k++) {
          lshBuckets(minHash(shingleHashes(bodies[k]))).forEach((h, band) => {
            bands.push(band);
            hashes.push(h);
            owners.push(ids[k]);
          });
        }
        await ds.query(
          `UPDATE reflection_tasks t SET body = b.body, char_count = 600, status = 'submitted', submitted_at = now(),
                  submission_version = 1, collected_version = 1, similarity_score = 0
             FROM unnest($1::uuid[], $2::text[]) AS b(id, body) WHERE t.id = b.id`,
          [ids, bodies],
        );
        await ds.query(
          `INSERT INTO reflection_lsh_buckets (assignment_id, band, bucket_hash, task_id)
           SELECT $1, q.band, q.h, q.task FROM unnest($2::smallint[], $3::int[], $4::uuid[]) AS q(band, h, task) ON CONFLICT DO NOTHING`,
          [assignmentId, bands, hashes, owners],
        );
        next += batch;
        collectedCount += batch;
      }
      await ds.query('ANALYZE');
    }
    let collectedCount = 0;

    const service = new ReflectionCollectionService(new ReflectionRepository(ds), new NotificationsService(new NotificationRepository(ds)));
    async function measure() {
      const ids = taskIds.slice(next, next + SAMPLE);
      for (let k = 0; k < ids.length; k++) {
        await ds.query(
          `UPDATE reflection_tasks SET body = $2, char_count = 600, status = 'submitted', submitted_at = now(), submission_version = 1 WHERE id = $1`,
          [ids[k], bodyFor(next + k)],
        );
      }
      // Warm-up on a throwaway copy is not needed: the first size already pays any cold start.
      const started = process.hrtime.bigint();
      let similar = 0;
      for (const id of ids) {
        if ((await service.collect(id, 1)) !== 'collected') throw new Error(`task ${id} not collected`);
      }
      const ms = msSince(started);
      const rows = await ds.query(`SELECT count(*)::int AS n FROM reflection_tasks WHERE id = ANY($1::uuid[]) AND similarity_score >= 0.5`, [ids]);
      similar = rows[0].n;
      next += SAMPLE;
      collectedCount += SAMPLE;
      return { perSubmissionMs: ms / SAMPLE, similarFound: similar };
    }

    const results = {};
    for (const size of SIZES) {
      const t0 = Date.now();
      await fillTo(size);
      console.log(`${size} submissions in the assignment (filled in ${Date.now() - t0} ms)`);
      const m = await measure();
      results[size] = m;
      console.log(`  collection: ${round(m.perSubmissionMs)} ms per submission (${SAMPLE} measured; ${m.similarFound} near-copies flagged ≥ 0.5)`);
    }
    const ratio = results[SIZES[1]].perSubmissionMs / results[SIZES[0]].perSubmissionMs;
    const result = {
      sample: SAMPLE,
      perSubmissionMsAt1000: round(results[SIZES[0]].perSubmissionMs),
      perSubmissionMsAt10000: round(results[SIZES[1]].perSubmissionMs),
      nearCopiesFlagged: { at1000: results[SIZES[0]].similarFound, at10000: results[SIZES[1]].similarFound, expected: Math.floor(SAMPLE / 10) },
      ratio: round(ratio),
      goal: `≤ ${GOAL}`,
      pass: ratio <= GOAL,
    };
    console.log(
      `collection per submission: ${result.perSubmissionMsAt1000} ms at 1,000, ${result.perSubmissionMsAt10000} ms at 10,000 → ratio ${result.ratio} (goal ≤ ${GOAL})`,
    );
    writeResult('similarity', result);
  } finally {
    await ds?.destroy().catch(() => undefined);
    await stop();
  }
}

runMain(main);
