import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { Construct } from 'constructs';
import type { AutriConfig } from '../config/config';
import { costBucket } from '../tags';

export interface EdgeCertificatesStackProps extends StackProps {
  readonly config: AutriConfig;
}

/**
 * The two certificates that must live in us-east-1 whatever the home region is: Cognito's custom
 * domain (`auth.`) and the CloudFront distribution in front of AgentCore (`mcp.`).
 *
 * Why a separate stack: a stack has one region, and this one is pinned to us-east-1. When the home
 * region is us-east-1 too, auth-and-compute references the certificates directly (a plain export).
 * From any other home region, the operator deploys this stack first and copies the two ARN outputs
 * into `certificates` in the config file: no custom resource, no cross-region magic (see
 * AuthAndComputeStack.edgeCertificates and README "Deploy order").
 *
 * DNS is outside AWS (Cloudflare), so there is no hosted zone: DNS validation without a zone makes
 * CloudFormation wait until the operator adds the validation CNAMEs (README, check-prereqs.sh).
 */
export class EdgeCertificatesStack extends Stack {
  readonly authCertificate: acm.Certificate;
  readonly mcpCertificate: acm.Certificate;

  constructor(scope: Construct, id: string, props: EdgeCertificatesStackProps) {
    super(scope, id, props);
    const { domains } = props.config;

    this.authCertificate = new acm.Certificate(this, 'AuthCertificate', {
      domainName: domains.auth,
      validation: acm.CertificateValidation.fromDns(),
    });
    costBucket(this.authCertificate, 'auth');

    this.mcpCertificate = new acm.Certificate(this, 'McpCertificate', {
      domainName: domains.mcp,
      validation: acm.CertificateValidation.fromDns(),
    });
    costBucket(this.mcpCertificate, 'compute');

    new CfnOutput(this, 'AuthCertificateArn', { value: this.authCertificate.certificateArn, description: 'certificates.authArn in the config file when the home region is not us-east-1' });
    new CfnOutput(this, 'McpCertificateArn', { value: this.mcpCertificate.certificateArn, description: 'certificates.mcpArn in the config file when the home region is not us-east-1' });
  }
}
