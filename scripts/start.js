#!/usr/bin/env node
/**
 * `npm start`: builds the API and the web app when their sources changed
 * (scripts/build-if-stale.js), then runs the server in this process.
 */
'use strict';
const { buildIfStale, TARGETS } = require('./build-if-stale');

buildIfStale('api');
buildIfStale('web');
require(TARGETS.api.output);
