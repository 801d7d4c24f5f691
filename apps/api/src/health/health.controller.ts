import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { RedisProbe, withTimeout } from '@qf/queue';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth.decorators';

const TIMEOUT_MS = 800; // answer within a second, never hang

/**
 * Public, so it says only up or down: the driver's error text (host names, ports, server messages)
 * never reaches the body. Causes are in the servers' own logs.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly redisProbe: RedisProbe,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get()
  @Public()
  @SkipThrottle()
  @HealthCheck()
  @ApiOperation({ summary: 'Database and Redis health; 503 when either is down' })
  check() {
    return this.health.check([
      () => this.probe('database', () => this.dataSource.query('SELECT 1'), 'unreachable'),
      () => this.probe('redis', () => this.redisProbe.ping(TIMEOUT_MS), 'unreachable or refusing writes'),
    ]);
  }

  private async probe(key: string, ping: () => Promise<unknown>, downMessage: string) {
    const check = this.indicators.check(key);
    try {
      await withTimeout(ping(), TIMEOUT_MS);
      return check.up();
    } catch {
      return check.down({ message: downMessage });
    }
  }
}
