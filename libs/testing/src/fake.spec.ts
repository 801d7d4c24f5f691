import { fake, fakeConfig, fakeTransaction, FAKE_EM, newTestService } from './index';

interface Repo {
  find(id: string): Promise<{ id: string } | undefined>;
  save(row: { id: string }): Promise<void>;
}

describe('@qf/testing', () => {
  it('makes typed jest mocks on first use, remembered per member', async () => {
    const repo = fake<Repo>();
    repo.find.mockResolvedValue({ id: 'a' });
    await expect(repo.find('a')).resolves.toEqual({ id: 'a' });
    expect(repo.find).toHaveBeenCalledWith('a');
    expect(await repo.save({ id: 'b' })).toBeUndefined(); // an untold mock returns undefined; awaiting it too
  });

  it('is not a thenable and prints without probing into mocks', async () => {
    const repo = fake<Repo>();
    await expect(Promise.resolve(repo)).resolves.toBe(repo);
    expect(() => expect(repo).toEqual({ nope: 1 })).toThrow();
  });

  it('answers config and runs a transaction with the fake entity manager', async () => {
    expect((fakeConfig({ A: 1 }) as { get(key: string): unknown }).get('A')).toBe(1);
    const tx = fakeTransaction();
    await expect(tx(async (em) => em)).resolves.toBe(FAKE_EM);
  });

  it('returns the service and its mocks', () => {
    const { sut, mocks } = newTestService((m) => ({ repo: m.repo }), { repo: fake<Repo>() });
    expect(sut.repo).toBe(mocks.repo);
  });
});
