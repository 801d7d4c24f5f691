import { Injectable } from '@nestjs/common';
import { AttendanceChainVerifier } from './attendance-chain-verifier';
import { CheckpointBody, CheckpointSigner } from './checkpoint-signer';

export interface SignedCheckpoint extends CheckpointBody {
  /** Base64 Ed25519 signature over checkpointMessage({seq, hash, at}). */
  signature: string;
}

export interface CheckpointVerification {
  ok: boolean;
  /** The first seq where the chain does not hold, or the checkpoint's seq when the chain up to it hashes to something else. */
  brokenAt?: number;
  /** Why ok is false: `signature` (not signed by this server's key), `chain` (a seal up to seq does not hold), `missing` (seq is no longer a sealed entry), `rewritten` (the chain up to seq no longer ends in the checkpoint's hash). */
  reason?: 'signature' | 'chain' | 'missing' | 'rewritten';
}

/**
 * Signed checkpoints of the attendance log's sealed head. An auditor keeps them outside the system;
 * a later verify-checkpoint proves the chain up to their seq still hashes to the same value, which
 * a rewritten (even self-consistent) history cannot, without the private key.
 */
@Injectable()
export class AttendanceCheckpointService {
  constructor(
    private readonly verifier: AttendanceChainVerifier,
    private readonly signer: CheckpointSigner,
  ) {}

  async take(): Promise<SignedCheckpoint> {
    const end = await this.verifier.sealedEnd();
    const body: CheckpointBody = { seq: end.seq, hash: end.hash, at: new Date().toISOString() };
    return { ...body, signature: this.signer.sign(body) };
  }

  publicKeyPem(): string {
    return this.signer.publicKeyPem();
  }

  async verify(c: SignedCheckpoint): Promise<CheckpointVerification> {
    if (!this.signer.verify({ seq: c.seq, hash: c.hash, at: c.at }, c.signature)) return { ok: false, reason: 'signature' };
    const head = await this.verifier.headAt(c.seq);
    if (head.brokenAt !== undefined) return { ok: false, brokenAt: head.brokenAt, reason: 'chain' };
    if (head.hash === null) return { ok: false, brokenAt: c.seq, reason: 'missing' };
    if (head.hash !== c.hash) return { ok: false, brokenAt: c.seq, reason: 'rewritten' };
    return { ok: true };
  }
}
