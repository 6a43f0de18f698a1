// Entry point: the Probot application function (wiring only). Used by the dev server and the Lambda handler.
import type { ApplicationFunction } from 'probot';
import { botConfigFromEnv } from './adapters/github/bot-config.js';
import { meshfedProbotApp } from './adapters/github/events/probot-app.js';

const meshfedApp: ApplicationFunction = (app, options) => meshfedProbotApp(botConfigFromEnv(process.env))(app, options);

export default meshfedApp;
