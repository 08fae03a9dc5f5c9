// Pages without a script of their own (/help, the 404 page of src/http/server.c): the site header only.
import { start } from './common.js';

start(() => {});
