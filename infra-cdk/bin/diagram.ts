#!/usr/bin/env node
// npm run diagram: draws docs/operators/architecture/ from the example app the tests synthesize (config/beta.json;
// the trigger code is the tests' placeholder, which a diagram does not show). test/diagram.test.ts fails when the
// committed diagram is not the app's.
import * as path from 'path';
import { diagramFiles, diagramSource, writeDiagram } from '../lib/diagram';
import { exampleApp } from '../test/support/example-app';

const example = exampleApp('beta');
example.app.synth();
writeDiagram(diagramSource(path.join(example.outdir, 'tree.json')));
console.log(`Drew ${path.relative(process.cwd(), diagramFiles.png)} from ${path.relative(process.cwd(), diagramFiles.dot)}`);
