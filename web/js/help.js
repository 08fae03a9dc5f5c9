// /help — 使い方と用語: the first-day steps and the glossary (static text in help.html, for everyone).
import { start } from './common.js';

start(() => {});
