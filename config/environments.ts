import type { EnvironmentConfig, EnvironmentName, StateBackendConfig } from './settings';

/**
 * The committed defaults of each environment. Account ids are examples (the documentation range); a real
 * deployment overrides them through the variables `main.ts` reads (docs/settings.md lists them).
 * Everything here is validated by `validateEnvironmentConfig` before a stack sees it.
 */

const DEFAULT_REGION = 'eu-central-1';

export const DEFAULT_STATE_BACKEND: StateBackendConfig = {
  namePrefix: 'northwind',
  accountId: '123456789012',
  region: DEFAULT_REGION,
  stateEncryption: { enabled: true, migrateUnencryptedState: false },
};

export const DEFAULT_ENVIRONMENTS: Readonly<Record<EnvironmentName, EnvironmentConfig>> = {
  dev: {
    environment: 'dev',
    namePrefix: 'northwind',
    accountId: '111111111111',
    region: DEFAULT_REGION,
    logRetentionDays: 30,
    network: {
      vpcCidr: '10.10.0.0/16',
      availabilityZones: ['eu-central-1a', 'eu-central-1b'],
      publicSubnetCidrs: ['10.10.0.0/24', '10.10.1.0/24'],
      privateSubnetCidrs: ['10.10.16.0/20', '10.10.32.0/20'],
      // One NAT gateway: dev tolerates losing egress with its AZ and saves one gateway's hourly cost.
      natMode: 'single',
    },
    aurora: {
      engineVersion: '16.6',
      // 0 ACU lets the dev cluster pause when idle (Aurora PostgreSQL 16.3+ supports it).
      minCapacityAcu: 0,
      maxCapacityAcu: 4,
      autoPauseSeconds: 900,
      backupRetentionDays: 1,
      deletionProtection: false,
      finalSnapshot: false,
      databaseName: 'northwind',
    },
    glue: { version: '5.0', workerType: 'G.1X', numberOfWorkers: 2, timeoutMinutes: 60 },
    lake: {
      warehousePrefix: 'warehouse',
      tempExpirationDays: 7,
      queryResultExpirationDays: 7,
      noncurrentVersionExpirationDays: 30,
    },
    athena: { bytesScannedCutoffPerQuery: 10 * 1024 ** 3 },
    stateEncryption: { enabled: true, migrateUnencryptedState: false },
    snowflake: {
      organizationName: 'NORTHWIND',
      accountName: 'NORTHWIND_DEV',
      // Empty until Snowflake reports its IAM user: the role then trusts only this account (see validate.ts).
      iamUserArn: '',
      externalIds: ['northwind-dev-snowflake'],
      servedLayers: ['marts'],
      user: 'NORTHWIND_TERRAFORM',
      // Creating storage/catalog integrations and external volumes needs ACCOUNTADMIN (or a role granted
      // CREATE INTEGRATION, CREATE EXTERNAL VOLUME, CREATE ROLE, MANAGE GRANTS and APPLY MASKING POLICY).
      deployRole: 'ACCOUNTADMIN',
      parentRole: 'SYSADMIN',
      accountAdminBypass: false,
      statementTimeoutSeconds: 3600,
    },
  },
  prod: {
    environment: 'prod',
    namePrefix: 'northwind',
    accountId: '222222222222',
    region: DEFAULT_REGION,
    logRetentionDays: 365,
    network: {
      vpcCidr: '10.20.0.0/16',
      availabilityZones: ['eu-central-1a', 'eu-central-1b'],
      publicSubnetCidrs: ['10.20.0.0/24', '10.20.1.0/24'],
      privateSubnetCidrs: ['10.20.16.0/20', '10.20.32.0/20'],
      // One NAT gateway per AZ: an AZ outage does not cut the other AZ's egress.
      natMode: 'per-az',
    },
    aurora: {
      engineVersion: '16.6',
      minCapacityAcu: 0.5,
      maxCapacityAcu: 16,
      autoPauseSeconds: 3600,
      backupRetentionDays: 14,
      deletionProtection: true,
      finalSnapshot: true,
      databaseName: 'northwind',
    },
    glue: { version: '5.0', workerType: 'G.1X', numberOfWorkers: 2, timeoutMinutes: 120 },
    lake: {
      warehousePrefix: 'warehouse',
      tempExpirationDays: 7,
      queryResultExpirationDays: 30,
      noncurrentVersionExpirationDays: 90,
    },
    athena: { bytesScannedCutoffPerQuery: 100 * 1024 ** 3 },
    stateEncryption: { enabled: true, migrateUnencryptedState: false },
    snowflake: {
      organizationName: 'NORTHWIND',
      accountName: 'NORTHWIND_PROD',
      iamUserArn: '',
      externalIds: ['northwind-prod-snowflake'],
      servedLayers: ['marts'],
      user: 'NORTHWIND_TERRAFORM',
      // Creating storage/catalog integrations and external volumes needs ACCOUNTADMIN (or a role granted
      // CREATE INTEGRATION, CREATE EXTERNAL VOLUME, CREATE ROLE, MANAGE GRANTS and APPLY MASKING POLICY).
      deployRole: 'ACCOUNTADMIN',
      parentRole: 'SYSADMIN',
      accountAdminBypass: false,
      statementTimeoutSeconds: 3600,
    },
  },
};
