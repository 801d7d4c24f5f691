import { Module } from '@nestjs/common';
import { ReadingCreditService } from './reading-credit.service';
import { ReadingItemsLookup } from './reading-items.lookup';
import { ReadingListsService } from './reading-lists.service';
import { ReadingProgressService } from './reading-progress.service';
import { ReadingRepository } from './reading.repository';

const services = [ReadingListsService, ReadingProgressService, ReadingCreditService, ReadingItemsLookup, ReadingRepository];

/** The annual reading list (年度党风党纪教育清单). Needs DatabaseModule and IdentityModule (global). */
@Module({ providers: services, exports: services })
export class ReadingModule {}
