import { TooManyRequestsError } from '@qf/common';
import { fake, fakeConfig, newTestService } from '@qf/testing';
import { LoginFailureStore } from './login-failure.store';
import { LoginLimiter } from './login-limiter';

const setup = () =>
  newTestService(
    (m) =>
      new LoginLimiter(
        m.store,
        fakeConfig({ LOGIN_FAILURE_WINDOW_SECONDS: 900, LOGIN_MAX_FAILURES_PER_USER: 5, LOGIN_MAX_FAILURES_PER_ADDRESS: 300 }),
      ),
    { store: fake<LoginFailureStore>() },
  );

describe('LoginLimiter', () => {
  it('reserves an attempt with the configured window and limits', async () => {
    const { sut, mocks } = setup();
    mocks.store.reserve.mockResolvedValue('42');
    await expect(sut.reserve('alice', '10.0.0.1')).resolves.toBe('42');
    expect(mocks.store.reserve).toHaveBeenCalledWith('alice', '10.0.0.1', { windowSeconds: 900, maxPerUser: 5, maxPerAddress: 300 });
  });

  it('is 429 when the store refuses the reservation', async () => {
    const { sut, mocks } = setup();
    mocks.store.reserve.mockResolvedValue(null);
    await expect(sut.reserve('alice', '10.0.0.1')).rejects.toThrow(TooManyRequestsError);
  });

  it('a success takes the reservation back and clears the user', async () => {
    const { sut, mocks } = setup();
    await sut.succeeded('42', 'Alice');
    expect(mocks.store.clear).toHaveBeenCalledWith('42', 'Alice');
  });
});
