import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Env } from '@qf/config';
import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface CheckpointBody {
  seq: number;
  hash: string;
  /** When the checkpoint was taken, ISO-8601. */
  at: string;
}

/** The exact bytes signed: a fixed text form, so that anyone can re-check a checkpoint with the PEM and openssl. */
export function checkpointMessage(c: CheckpointBody): Buffer {
  return Buffer.from(`qingfeng attendance checkpoint v1\nseq=${c.seq}\nhash=${c.hash}\nat=${c.at}\n`, 'utf8');
}

/**
 * The server's Ed25519 key for audit checkpoints: AUDIT_SIGNING_KEY (PEM) or AUDIT_SIGNING_KEY_FILE.
 * Without either (development and tests only; production refuses to boot) a key is made up for the
 * life of the process, with a warning: its checkpoints do not verify after a restart.
 */
@Injectable()
export class CheckpointSigner {
  private readonly logger = new Logger(CheckpointSigner.name);
  private readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;

  constructor(config: ConfigService<Env, true>) {
    const inline = config.get('AUDIT_SIGNING_KEY', { infer: true });
    const file = config.get('AUDIT_SIGNING_KEY_FILE', { infer: true });
    const pem = inline ? inline.replace(/\\n/g, '\n') : file ? readFileSync(file, 'utf8') : undefined;
    if (pem) {
      this.privateKey = createPrivateKey(pem);
      if (this.privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`the audit signing key must be Ed25519, not ${this.privateKey.asymmetricKeyType}`);
    } else {
      this.logger.warn('no AUDIT_SIGNING_KEY / AUDIT_SIGNING_KEY_FILE: signing checkpoints with a key that lasts until this process exits');
      this.privateKey = generateKeyPairSync('ed25519').privateKey;
    }
    this.publicKey = createPublicKey(this.privateKey);
  }

  publicKeyPem(): string {
    return this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  /** Base64 Ed25519 signature of checkpointMessage(c). */
  sign(c: CheckpointBody): string {
    return sign(null, checkpointMessage(c), this.privateKey).toString('base64');
  }

  verify(c: CheckpointBody, signature: string): boolean {
    const bytes = Buffer.from(signature, 'base64');
    if (bytes.length !== 64) return false;
    return verify(null, checkpointMessage(c), this.publicKey, bytes);
  }

  /** Generates a PKCS#8 PEM Ed25519 private key (for `npm start` and tests). */
  static generatePem(): string {
    return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }
}
