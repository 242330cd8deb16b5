#!/usr/bin/env node
// npm run build:triggers: publishes Autri.Triggers for the trigger Lambdas, whether or not synth would.
import { triggersBuild } from '../lib/paths';
import { publishTriggers } from '../lib/trigger-code/publish';

publishTriggers(triggersBuild);
