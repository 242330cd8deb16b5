import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exampleApp } from './support/example-app';
import { numberedSteps, readmeSection } from './support/readme';

/**
 * What an operator must act on, named in a step: stacks, stack outputs, secrets, tags, scripts, the SNS subscription.
 * Two texts that name the same of these in each step tell the operator the same things to do.
 */
const THINGS = /autri-beta-[a-z-]+|Dns[A-Za-z]+Cname|GoogleRedirectUri|anthropic-api-key|github-token|SNS|cost allocation tags|check-prereqs\.sh|bootstrap-aws\.sh/g;
const things = (text: string) => [...new Set(text.match(THINGS) ?? [])].sort();

test('The NextSteps output and the README\'s deploy order name the same things to do, step by step', () => {
  const app = exampleApp('beta');
  const output: string = app.template('compute').toJSON().Outputs.NextSteps.Value;
  const printed = new Map([...output.matchAll(/(\d+)\) (.*?)(?= \d+\) |$)/g)].map((m) => [Number(m[1]), m[2]]));
  const readme = numberedSteps(readmeSection('Deploy order (first install)').replace(/<env>/g, 'beta'));

  // The output covers what is left once the compute stack is up: every README step after the one deploying it.
  const computeStep = [...readme].find(([, text]) => text.includes('npx cdk deploy autri-beta-auth-and-compute'))![0];
  const after = [...readme.keys()].filter((n) => n > computeStep);
  assert.deepEqual([...printed.keys()], after);
  for (const n of after) {
    assert.deepEqual(things(printed.get(n)!), things(readme.get(n)!), `step ${n}:\n  output: ${printed.get(n)}\n  README: ${readme.get(n)}`);
  }
  // The two the output used to leave out.
  assert.match(output, /npx cdk deploy autri-beta-monitoring -c env=beta/);
  assert.match(output, /cost allocation tags project, env and cost-bucket/);
});
