import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { RedisProbe } from '@qf/queue';
import { Public } from '../common/auth.decorators';

const TIMEOUT_MS = 800; // answer within a second, never hang

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly redisProbe: RedisProbe,
  ) {}

  @Get()
  @Public()
  @SkipThrottle()
  @HealthCheck()
  @ApiOperation({ summary: 'Database and Redis health; 503 when either is down' })
  check() {
    return this.health.check([() => this.db.pingCheck('database', { timeout: TIMEOUT_MS }), () => this.redis()]);
  }

  private async redis() {
    const check = this.indicators.check('redis');
    try {
      await this.redisProbe.ping(TIMEOUT_MS);
      return check.up();
    } catch (err) {
      return check.down({ message: err.message ?? 'unreachable' });
    }
  }
}
