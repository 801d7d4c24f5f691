import { DemoDataService } from '@qf/demo';
import { withContext } from '../cli-context';
import { printLogins } from '../dev/banner';

export async function demoDataCommand(): Promise<void> {
  await withContext(async (ctx) => {
    const demo = ctx.get(DemoDataService);
    const { loaded } = await demo.load();
    console.log(loaded ? 'demo data loaded' : 'demo data was already loaded (flag app_meta.demo_data); nothing changed');
    printLogins(demo.logins());
  });
}
