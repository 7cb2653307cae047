import { benchPortfolio } from './portfolio.ts';
for (const line of await benchPortfolio()) console.log(line);
