import * as fs from 'fs';
import * as path from 'path';
import type { AutriConfig } from './config';
import { ConfigReader } from './reader';

const HOSTNAME = { pattern: /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, expected: 'a lower-case host name' };
const EMAIL = { pattern: /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/, expected: 'an email address without commas' };
const IMAGE_TAG = { pattern: /^(?!latest$)[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, expected: 'an image tag other than "latest" (tags are immutable)' };
const ENV_NAME = /^[a-z][a-z0-9-]{0,14}$/;

/** Thrown for any configuration problem; the message lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/** Reads and checks `<configDir>/<env>.json`. */
export function loadConfig(env: string | undefined, configDir: string): AutriConfig {
  if (!env) throw new ConfigError(['Configuration missing value for: env (pass -c env=<name>, a file name in config/)']);
  if (!ENV_NAME.test(env)) throw new ConfigError([`Configuration invalid value for: env (expected ${ENV_NAME}, got "${env}")`]);
  const file = path.join(configDir, `${env}.json`);
  if (!fs.existsSync(file)) throw new ConfigError([`Configuration file not found: ${file}`]);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError([`Configuration file is not valid JSON: ${file}: ${(error as Error).message}`]);
  }
  return parseConfig(env, raw);
}

/** Checks raw JSON and fills defaults. Throws `ConfigError` naming every missing or malformed value. */
export function parseConfig(env: string, raw: unknown): AutriConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(['Configuration invalid value for: <root> (expected a JSON object)']);
  }
  const r = new ConfigReader(raw);
  const notDev = env !== 'dev';

  const config: AutriConfig = {
    env,
    account: r.string('account', { pattern: /^\d{12}$/, expected: '12 digits' }),
    region: r.string('region', { pattern: /^[a-z]{2}(-gov)?-[a-z]+-\d$/, expected: 'an AWS region such as us-east-1' }),
    domains: {
      app: r.string('domains.app', HOSTNAME),
      mcp: r.string('domains.mcp', HOSTNAME),
      auth: r.string('domains.auth', HOSTNAME),
    },
    parameterPrefix: r.string('parameterPrefix', { pattern: /^(\/[a-zA-Z0-9_.-]+)+$/, expected: 'a path such as /autri/beta' }, `/autri/${env}`),
    allowlist: r.stringList('allowlist', EMAIL, { min: 1 }),
    google: {
      clientId: r.string('google.clientId', { pattern: /^\S+$/, expected: 'a Google OAuth client id' }),
      clientSecretName: r.string('google.clientSecretName', { pattern: /^[A-Za-z0-9/_+=.@-]{1,512}$/, expected: 'a Secrets Manager secret name' }),
    },
    budget: {
      thresholdsUsd: r.numberList('budget.thresholdsUsd', { min: 1, max: 1_000_000, minItems: 1, maxItems: 5 }, [50, 100, 200]),
    },
    database: {
      instanceClass: r.string('database.instanceClass', { pattern: /^[a-z0-9]+\.[a-z0-9]+$/, expected: 'a class such as t4g.small (no "db." prefix)' }, 't4g.small'),
      multiAz: r.boolean('database.multiAz', false),
      allocatedStorageGiB: r.number('database.allocatedStorageGiB', { min: 20, max: 65536 }, 20),
      maxAllocatedStorageGiB: r.number('database.maxAllocatedStorageGiB', { min: 20, max: 65536 }, 100),
      backupRetentionDays: r.number('database.backupRetentionDays', { min: 1, max: 35 }, 7),
      deletionProtection: r.boolean('database.deletionProtection', notDev),
      preloadVector: r.boolean('database.preloadVector', true),
    },
    images: {
      mcpTag: r.string('images.mcpTag', IMAGE_TAG),
      portalTag: r.string('images.portalTag', IMAGE_TAG),
    },
    alarmEmail: r.string('alarmEmail', EMAIL),
    contactEmail: r.string('contactEmail', EMAIL),
    portal: {
      minTasks: r.number('portal.minTasks', { min: 1, max: 20 }, 1),
      maxTasks: r.number('portal.maxTasks', { min: 1, max: 20 }, 2),
      cpu: r.number('portal.cpu', { min: 256, max: 4096 }, 512),
      memoryMiB: r.number('portal.memoryMiB', { min: 512, max: 30720 }, 1024),
    },
    mcp: {
      publicClientCallbackUrls: r.stringList(
        'mcp.publicClientCallbackUrls',
        { pattern: /^(https:\/\/\S+|http:\/\/localhost(:\d+)?\/\S*)$/, expected: 'an https URL, or http://localhost (the only plain-http callback Cognito accepts)' },
        { min: 1, fallback: ['http://localhost:3334/oauth/callback'] },
      ),
    },
    features: {
      apiKeyConnectors: r.boolean('features.apiKeyConnectors', false),
    },
    network: {
      natGateways: r.number('network.natGateways', { min: 1, max: 2 }, 1),
      availabilityZones: r.stringList('network.availabilityZones', { pattern: /^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/, expected: 'an availability zone name such as us-east-1a' },
        { min: 2, fallback: defaultAzs(r) }),
    },
    github: {
      repository: r.string('github.repository', { pattern: /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, expected: 'owner/name' }),
      deployBranch: r.string('github.deployBranch', { pattern: /^[A-Za-z0-9_./-]+$/, expected: 'a branch name' }, 'main'),
      oidcProviderArn: r.string('github.oidcProviderArn', { pattern: /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/, expected: 'the ARN of the GitHub Actions OIDC provider' }, ''),
    },
    certificates: readCertificates(r, env),
    customerManaged: readCustomerManaged(r),
  };

  checkRelations(config, r);
  r.reportUnknownKeys();
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}

function defaultAzs(r: ConfigReader): string[] {
  const region = r.string('region', undefined, 'us-east-1');
  return [`${region}a`, `${region}b`];
}

const CERTIFICATE_ARN = { pattern: /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/, expected: 'an ACM certificate ARN in us-east-1' };

function readCertificates(r: ConfigReader, env: string): AutriConfig['certificates'] {
  const region = r.string('region', undefined, '');
  if (region === 'us-east-1' && r.string('certificates.authArn', undefined, '') === '' && r.string('certificates.mcpArn', undefined, '') === '') {
    return undefined; // referenced directly from the certificates stack
  }
  const hint = `deploy autri-${env}-certificates first and copy its outputs: the home region is not us-east-1`;
  const arn = (path: string) => {
    const value = r.string(path, undefined, '');
    if (value === '') r.missing(path, hint);
    else if (!CERTIFICATE_ARN.pattern.test(value)) r.invalid(path, `expected ${CERTIFICATE_ARN.expected}, got "${value}"`);
    return value;
  };
  return { authArn: arn('certificates.authArn'), mcpArn: arn('certificates.mcpArn') };
}

const SECRET_NAME = { pattern: /^[A-Za-z0-9/_+=.@-]{1,512}$/, expected: 'a Secrets Manager secret name' };

function readCustomerManaged(r: ConfigReader): AutriConfig['customerManaged'] {
  const enabled = r.boolean('customerManaged.enabled', false);
  const whenEnabled = (path: string, check: { pattern: RegExp; expected: string }) => {
    const value = r.string(path, undefined, '');
    if (value === '') {
      if (enabled) r.missing(path, 'required with customerManaged.enabled');
    } else if (!check.pattern.test(value)) {
      r.invalid(path, `expected ${check.expected}, got "${value}"`);
    }
    return value;
  };
  const channel = r.string('customerManaged.channel', { pattern: /^(stable|beta)$/, expected: 'stable or beta' }, 'stable');
  return {
    enabled,
    coordinationUrl: whenEnabled('customerManaged.coordinationUrl', { pattern: /^https:\/\/[a-z0-9.-]+(:\d+)?(\/\S*)?$/, expected: 'an https URL' }),
    channel: channel === 'beta' ? 'beta' : 'stable',
    sendCounts: r.boolean('customerManaged.sendCounts', true),
    agentSecretName: whenEnabled('customerManaged.agentSecretName', SECRET_NAME),
  };
}

function checkRelations(c: AutriConfig, r: ConfigReader): void {
  const thresholds = c.budget.thresholdsUsd;
  if (thresholds.some((t, i) => i > 0 && t <= thresholds[i - 1])) {
    r.invalid('budget.thresholdsUsd', 'expected strictly ascending amounts');
  }
  if (c.portal.maxTasks < c.portal.minTasks) r.invalid('portal.maxTasks', 'expected >= portal.minTasks');
  if (c.database.maxAllocatedStorageGiB < c.database.allocatedStorageGiB) {
    r.invalid('database.maxAllocatedStorageGiB', 'expected >= database.allocatedStorageGiB');
  }
  const hosts = [c.domains.app, c.domains.mcp, c.domains.auth];
  if (new Set(hosts).size !== hosts.length) r.invalid('domains', 'app, mcp and auth must be three different host names');
  // SSM standard-tier parameters hold at most 4 KB; the allowlist is one StringList parameter.
  if (c.allowlist.join(',').length > 4096) r.invalid('allowlist', 'longer than the 4 KB a standard SSM parameter holds');
  if (c.network.availabilityZones.length !== 2) r.invalid('network.availabilityZones', 'expected exactly two zones');
  if (c.network.availabilityZones.some((az) => !az.startsWith(c.region))) r.invalid('network.availabilityZones', `expected zones of ${c.region}`);
  if (c.features.apiKeyConnectors) {
    r.invalid('features.apiKeyConnectors', 'must be false: the AgentCore JWT authorizer in front of the MCP server accepts only JWTs from the portal\'s OAuth authorization server (connect by URL), so API keys could never authenticate in this topology');
  }
}

/** Image tags CI may pass with `-c`, and the config value each replaces. */
const IMAGE_TAG_OVERRIDES = { mcpImageTag: 'mcpTag', portalImageTag: 'portalTag' } as const;
export type ContextOverrides = { readonly [K in keyof typeof IMAGE_TAG_OVERRIDES]?: unknown };

/**
 * Overrides CI may pass with `-c`: the deploy workflows set `mcpImageTag` and `portalImageTag` to the image
 * just pushed or the one already deployed (`scripts/deploy-compute.sh`). Each is checked like the file's own value.
 */
export function withContextOverrides(config: AutriConfig, context: ContextOverrides): AutriConfig {
  const problems: string[] = [];
  const images: Record<keyof AutriConfig['images'], string> = { ...config.images };
  for (const [key, field] of Object.entries(IMAGE_TAG_OVERRIDES) as [keyof ContextOverrides, keyof AutriConfig['images']][]) {
    const tag = context[key];
    if (tag === undefined) continue;
    if (typeof tag !== 'string' || !IMAGE_TAG.pattern.test(tag)) {
      problems.push(`Configuration invalid value for: -c ${key} (expected ${IMAGE_TAG.expected}, got ${JSON.stringify(tag)})`);
    } else {
      images[field] = tag;
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...config, images };
}
