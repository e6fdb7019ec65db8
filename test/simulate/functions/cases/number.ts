import type { ConformanceCase } from "../conformance.js";
import { NO_PAGE, PAGES } from "../pages.js";

const DIVIDE = PAGES.divide.url;
const ROUND_UP = PAGES.roundUp.url;
const ROUND_DOWN = PAGES.roundDown.url;
/** Random Integer's fields as the real exports label them. */
const RANDOM_LABELS = 'the card labels its fields "Greater than or equal to" (a) and "Less than" (b): a is a possible result, b is not';

function rounding(card: string, doc: string, a: number, output: number): ConformanceCase {
  return { card, title: `${a} gives ${output}`, doc, inputs: { a }, expect: { output } };
}

export const numberCases: readonly ConformanceCase[] = [
  {
    card: "math:add",
    title: "a + b",
    doc: NO_PAGE,
    assumed: "the card's stated purpose: adds two or more numbers",
    inputs: { a: 2, b: 3 },
    expect: { output: 5 },
  },
  {
    card: "math:add",
    title: "added fields are added too",
    doc: NO_PAGE,
    assumed: "the fields the author adds are further operands (an export sums four counters this way)",
    inputs: { a: 1, b: 2 },
    custom: [
      { key: "suspended_count", type: "number", value: 3 },
      { key: "staged_count", type: "number", value: 4 },
    ],
    expect: { output: 10 },
  },
  {
    card: "math:add",
    title: "number text is read as a number; other text fails the card",
    doc: NO_PAGE,
    assumed: "text that is not a number is a type error (400)",
    inputs: { a: "2", b: "two" },
    error: '"two" is not a number',
  },
  {
    card: "math:subtract",
    title: "a - b",
    doc: NO_PAGE,
    assumed: "the card's labels: number minus subtract",
    inputs: { a: 10, b: 4.5 },
    expect: { output: 5.5 },
  },
  {
    card: "math:subtract",
    title: "an empty operand is 0",
    doc: NO_PAGE,
    assumed: "an empty number input reads as 0",
    inputs: { a: 7 },
    expect: { output: 7 },
  },
  {
    card: "math:multiply",
    title: "a × b",
    doc: NO_PAGE,
    assumed: "the card's stated purpose: multiplies two or more numbers",
    inputs: { a: 6, b: 7 },
    expect: { output: 42 },
  },
  {
    card: "math:multiply",
    title: "number text is read as a number",
    doc: NO_PAGE,
    assumed: "text holding a number is read as that number (looseStrings)",
    inputs: { a: "2.5", b: 4 },
    expect: { output: 10 },
  },
  {
    card: "math:divide",
    title: "the quotient as a number and as a percentage text",
    doc: DIVIDE,
    assumed: 'the percentage text is the quotient × 100 followed by "%"; no decimal points leaves the quotient unrounded',
    inputs: { a: 1, b: 4 },
    expect: { output: 0.25, percentage: "25%" },
  },
  {
    card: "math:divide",
    title: "the number of decimal points rounds the quotient",
    doc: DIVIDE,
    assumed: "rounding is half away from zero, and the percentage keeps as many decimal points",
    inputs: { a: 2, b: 3, decimals: 2 },
    expect: { output: 0.67, percentage: "66.67%" },
  },
  {
    card: "math:divide",
    title: "dividing by zero fails the card",
    doc: DIVIDE,
    assumed: "division by zero is an input error (400), not Infinity",
    inputs: { a: 1, b: 0 },
    error: "divide by zero",
  },
  rounding("math:ceil", ROUND_UP, 0.95, 1),
  rounding("math:ceil", ROUND_UP, 1.25, 2),
  rounding("math:ceil", ROUND_UP, 3.0001, 4),
  { ...rounding("math:ceil", ROUND_UP, -4.9, -4), title: "negative numbers round up toward zero" },
  rounding("math:floor", ROUND_DOWN, 0.95, 0),
  rounding("math:floor", ROUND_DOWN, 1.25, 1),
  rounding("math:floor", ROUND_DOWN, 3.0001, 3),
  { ...rounding("math:floor", ROUND_DOWN, -4.1, -5), title: "negative numbers round down away from zero" },
  rounding("math:round", PAGES.round.url, 10.4, 10),
  rounding("math:round", PAGES.round.url, 10.5, 11),
  {
    card: "math:round",
    title: "negative halves round away from zero",
    doc: PAGES.round.url,
    assumed: "-2.5 rounds to -3 (the page's 10.5 → 11, mirrored)",
    inputs: { a: -2.5 },
    expect: { output: -3 },
  },
  {
    card: "math:random",
    title: "the lowest random() value gives a",
    doc: NO_PAGE,
    assumed: RANDOM_LABELS,
    inputs: { a: 1, b: 6 },
    random: [0],
    expect: { output: 1 },
  },
  {
    card: "math:random",
    title: "the highest random() value gives b - 1: b itself is never drawn",
    doc: NO_PAGE,
    assumed: RANDOM_LABELS,
    inputs: { a: 1, b: 6 },
    random: [0.999],
    expect: { output: 5 },
  },
  {
    card: "math:random",
    title: "no whole number at or above a and below b fails the card",
    doc: NO_PAGE,
    assumed: `${RANDOM_LABELS}; an empty range is an input error (400)`,
    inputs: { a: 3, b: 3 },
    error: "no whole number",
  },
];
