import { Module } from '@nestjs/common';
import { CalendarModule } from '@qf/calendar';
import { IdentityModule } from '@qf/identity';
import { NotificationsModule } from '@qf/notifications';
import { RectificationCampaignRepository } from './rectification-campaign.repository';
import { RectificationCampaignsService } from './rectification-campaigns.service';
import { SupervisionDigestService } from './supervision-digest.service';
import { SupervisionItemRepository } from './supervision-item.repository';
import { SupervisionReportService } from './supervision-report.service';
import { SupervisionWarningsService } from './supervision-warnings.service';
import { SupervisionService } from './supervision.service';

const services = [SupervisionItemRepository, SupervisionService, SupervisionWarningsService, SupervisionDigestService, SupervisionReportService, RectificationCampaignRepository, RectificationCampaignsService];

/** Supervision items (督查督办) and rectification campaigns; used by the api and the worker (warnings, digest). */
@Module({ imports: [CalendarModule, IdentityModule, NotificationsModule], providers: services, exports: services })
export class SupervisionModule {}
