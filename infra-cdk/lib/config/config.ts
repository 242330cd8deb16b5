/**
 * One deployment's configuration: everything that differs between environments or customers.
 * Loaded from `config/<env>.json` by `loadConfig` and checked by `parseConfig`; code never names
 * a domain, account or region of its own.
 */
export interface AutriConfig {
  /** Environment name (the config file's name): `dev`, `beta`, `prod`, a customer's name… */
  readonly env: string;
  readonly account: string;
  /** Home region of every stack except the us-east-1 certificate stack. */
  readonly region: string;
  readonly domains: Domains;
  /** SSM Parameter Store path everything of this deployment lives under, e.g. `/autri/beta`. */
  readonly parameterPrefix: string;
  /** Seed of the `ALLOWED_EMAILS` parameter; the portal edits the live list afterwards. */
  readonly allowlist: readonly string[];
  readonly google: GoogleFederation;
  readonly budget: Budget;
  readonly database: Database;
  readonly images: Images;
  readonly alarmEmail: string;
  /** Where people not on the allowlist may ask for an invitation: shown by the portal and the sign-up trigger. */
  readonly contactEmail: string;
  readonly portal: Portal;
  readonly mcp: Mcp;
  readonly features: Features;
  readonly network: Network;
  readonly github: GitHub;
  /** ARNs of the us-east-1 certificates; required when `region` is not us-east-1 (see README). */
  readonly certificates?: EdgeCertificateArns;
  /** A deployment in a customer's account: the coordination agent runs beside the portal (README "Customer-managed"). */
  readonly customerManaged: CustomerManaged;
}

export interface CustomerManaged {
  /** Deploy the coordination agent (its own Fargate service, no inbound port) and the portal's agent API. */
  readonly enabled: boolean;
  /** The vendor's coordination service (https); required when enabled. */
  readonly coordinationUrl: string;
  /** Release channel the agent watches: `stable` or `beta`. */
  readonly channel: 'stable' | 'beta';
  /** False: heartbeats carry no counts at all (Agent:SendCounts). */
  readonly sendCounts: boolean;
  /**
   * Name of an existing Secrets Manager secret holding the vendor's issue as JSON:
   * `{"licence": "<JWS>", "deploymentCredential": "autri_dc_…"}`; required when enabled. It must exist before the
   * deploy (like the Google client secret): the agent refuses to start without a licence that verifies.
   */
  readonly agentSecretName: string;
}

export interface EdgeCertificateArns {
  readonly authArn: string;
  readonly mcpArn: string;
}

export interface Domains {
  /** Portal, served by the ALB: `app.example.com`. */
  readonly app: string;
  /** MCP endpoint, served by CloudFront in front of AgentCore: `mcp.example.com`. */
  readonly mcp: string;
  /** Cognito custom domain (hosted UI): `auth.example.com`. */
  readonly auth: string;
}

export interface GoogleFederation {
  readonly clientId: string;
  /** Name of an existing Secrets Manager secret (plain string) holding Google's client secret. */
  readonly clientSecretName: string;
}

export interface Budget {
  /** Monthly cost thresholds in USD, ascending; each alerts on ACTUAL and FORECASTED spend. */
  readonly thresholdsUsd: readonly number[];
}

export interface Database {
  /** RDS instance class without the `db.` prefix, e.g. `t4g.small`. */
  readonly instanceClass: string;
  readonly multiAz: boolean;
  readonly allocatedStorageGiB: number;
  readonly maxAllocatedStorageGiB: number;
  readonly backupRetentionDays: number;
  /** Deletion protection and snapshot-on-delete; defaults to true everywhere but `dev`. */
  readonly deletionProtection: boolean;
  /** Put `vector` in shared_preload_libraries as EPIC-4 asks (pgvector itself does not need it). */
  readonly preloadVector: boolean;
}

export interface Images {
  /** Immutable tag of the MCP server image in this deployment's ECR repository. */
  readonly mcpTag: string;
  /** Immutable tag of the portal image. */
  readonly portalTag: string;
}

export interface Portal {
  readonly minTasks: number;
  readonly maxTasks: number;
  readonly cpu: number;
  readonly memoryMiB: number;
}

export interface Mcp {
  /** Redirect URIs of the public MCP client (desktop MCP clients listen on loopback). */
  readonly publicClientCallbackUrls: readonly string[];
}

export interface Features {
  /** Mirrors `/<prefix>/features/api-key-connectors`; must be false behind the AgentCore JWT authorizer. */
  readonly apiKeyConnectors: boolean;
}

export interface Network {
  /** Two AZ names; fixed in config so synth never looks them up (default `<region>a`, `<region>b`). */
  readonly availabilityZones: readonly string[];
  /** 1 = one NAT gateway for both AZs (cheapest); 2 = one per AZ (no single-AZ egress failure). */
  readonly natGateways: number;
}

export interface GitHub {
  /** `owner/name` of the repository whose workflows may deploy the MCP image. */
  readonly repository: string;
  /** Branch allowed to deploy. */
  readonly deployBranch: string;
  /** ARN of an existing token.actions.githubusercontent.com provider; empty = create one. */
  readonly oidcProviderArn: string;
}
