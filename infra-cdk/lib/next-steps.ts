import type { AutriConfig } from './config/config';
import { Names } from './names';

/**
 * What an operator does once `auth-and-compute` is deployed: steps 5 to 8 of the README's "Deploy order", numbered as
 * there (`test/next-steps.test.ts` holds the two to the same stacks, outputs, secrets, tags and scripts). The compute
 * stack prints them as its `NextSteps` output; `scripts/bootstrap-aws.sh` does 6 and 7 itself.
 */
export function nextSteps(config: AutriConfig): string[] {
  const names = new Names(config);
  return [
    '5) Add the DnsAppCname, DnsMcpCname and DnsAuthCname records at your DNS provider (DNS only); add GoogleRedirectUri to the Google OAuth client;'
      + ` put the real Anthropic key and GitHub token (aws secretsmanager put-secret-value --secret-id ${names.secret('anthropic-api-key')}, and ${names.secret('github-token')});`
      + ' confirm the SNS email subscription sent to the alarm address.',
    `6) npx cdk deploy ${names.stack('monitoring')} -c env=${config.env}.`,
    '7) Activate the cost allocation tags project, env and cost-bucket in Billing (possible once tagged resources exist).',
    `8) Nothing to run for the database (each portal task migrates first). Run scripts/check-prereqs.sh ${config.env}, then open AppUrl.`,
  ];
}
