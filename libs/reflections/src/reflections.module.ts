import { Module } from '@nestjs/common';
import { AssignmentsService } from './assignments.service';
import { ReflectionCollectionService } from './collection.service';
import { ReflectionFanoutService } from './fanout.service';
import { ReflectionsPendingWork } from './pending-work';
import { ReflectionAccess } from './reflection-access';
import { ReflectionRepository } from './reflection.repository';
import { TasksService } from './tasks.service';
import { ReflectionWarningsService } from './warnings.service';

const services = [
  AssignmentsService,
  TasksService,
  ReflectionAccess,
  ReflectionFanoutService,
  ReflectionCollectionService,
  ReflectionWarningsService,
  ReflectionsPendingWork,
  ReflectionRepository,
];

/** Reflection essays (观后感): the rules both the api and the worker use. */
@Module({ providers: services, exports: services })
export class ReflectionsModule {}
