import type { AutriConfig } from './config/config';

/** Physical names derived from the environment, in one place so stacks, tests and README agree. */
export class Names {
  constructor(private readonly config: AutriConfig) {}

  /** `autri-beta`: prefix of stack names and named resources. */
  get base(): string {
    return `autri-${this.config.env}`;
  }

  stack(layer: string): string {
    return `${this.base}-${layer}`;
  }

  parameter(relative: string): string {
    return `${this.config.parameterPrefix}/${relative}`;
  }

  secret(relative: string): string {
    return `${this.config.parameterPrefix.replace(/^\//, '')}/${relative}`;
  }

  /** Bucket names are global: account-scoped and deterministic (at most 55 characters). */
  bucket(kind: string): string {
    return `${this.base}-${this.config.account}-${kind}`;
  }

  get budgetName(): string {
    return `${this.base}-monthly`;
  }

  get mcpRepository(): string {
    return `${this.base}-mcp`;
  }

  get portalRepository(): string {
    return `${this.base}-portal`;
  }

  get dbInstanceIdentifier(): string {
    return `${this.base}-db`;
  }

  /** AgentCore runtime names allow letters, digits and underscores only. */
  get mcpRuntimeName(): string {
    return `autri_${this.config.env.replace(/-/g, '_')}_mcp`;
  }

  lambda(name: string): string {
    return `${this.base}-${name}`;
  }

  get portalLogGroup(): string {
    return `/autri/${this.config.env}/portal`;
  }

  get agentLogGroup(): string {
    return `/autri/${this.config.env}/agent`;
  }

  get metricsNamespace(): string {
    return `Autri/${this.config.env}`;
  }
}
