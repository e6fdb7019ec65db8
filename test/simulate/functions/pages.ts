/**
 * The Okta documentation the conformance cases follow. Every address here was found and read in a search of
 * Okta's help center (the function reference, in English or its Japanese translation when only that came up),
 * Okta's support articles and posts by Okta's Workflows team. Nothing else may be cited: pages.test.ts fails on
 * a case whose `doc` is not one of these, or that names no page without saying what it assumes.
 *
 * CARD_DOCS gives each card of the library its page, or, where none was found, what was searched: those cards'
 * cases rest on assumptions (the card's stated purpose, its field labels in real exports, the corpus), each case
 * saying which. docs/simulated-cards.md shows the column.
 */

export type DocKind = "reference" | "support article" | "blog";

export interface DocPage {
  readonly url: string;
  readonly kind: DocKind;
}

/** A card's documentation: the page read, or the searches that found none. */
export type CardDoc = { readonly page: DocPage } | { readonly notFound: string };

/** What a case cites when its card has no page: every such case says what it assumes. */
export const NO_PAGE = "no Okta page found";

const HELP = "https://help.okta.com/en/prod/Content/Topics/Workflows/function-reference/";
const HELP_WF = "https://help.okta.com/wf/en-us/Content/Topics/Workflows/function-reference/";
const HELP_JA = "https://help.okta.com/wf/ja-jp/content/topics/workflows/function-reference/";

function reference(url: string): DocPage {
  return { url, kind: "reference" };
}

export const PAGES = {
  concat: reference(`${HELP}Text/text_concat.htm`),
  split: reference(`${HELP}text/text_split.htm`),
  find: reference(`${HELP}Text/text_find.htm`),
  findLast: reference("https://help.okta.com/wf/en-us/content/topics/Workflows/function-reference/text/text_lastindexof.htm"),
  findPattern: reference(`${HELP}text/text_match.htm`),
  /** Only the Japanese translation came up; its example and field definitions are the English page's. */
  randomText: reference("https://help.okta.com/wf/ja-jp/Content/Topics/Workflows/function-reference/text/text_random.htm"),
  divide: reference(`${HELP_JA}number/number_divide.htm`),
  round: reference(`${HELP}Number/number_round.htm`),
  roundUp: reference(`${HELP}number/number_ceil.htm`),
  roundDown: reference(`${HELP}Number/number_floor.htm`),
  and: reference(`${HELP}True-False/truefalse_and.htm`),
  or: reference(`${HELP_JA}true-false/truefalse_or.htm`),
  xor: reference(`${HELP}true-false/truefalse_xor.htm`),
  not: reference(`${HELP}true-false/truefalse_not.htm`),
  /** The Expression card's rules for values that are not true/false. */
  expression: reference(`${HELP}True-False/truefalse_expression.htm`),
  compare: reference(`${HELP_WF}True-False/truefalse_compare.htm`),
  assignIf: reference(`${HELP_WF}Branching/branching_assignif.htm`),
  lookup: reference(`${HELP}Branching/branching_lookup.htm`),
  now: reference(`${HELP}datetime/datetime_now.htm`),
  addDate: reference(`${HELP}datetime/datetime_add.htm`),
  subtractDate: reference(`${HELP}datetime/datetime_subtract.htm`),
  dateToText: reference(`${HELP}datetime/datetime_format.htm`),
  /** The Japanese translation of Date to Text: its examples table (cut from the English excerpt) came up only there. */
  dateToTextJa: reference("https://help.okta.com/wf/ja-jp/Content/Topics/Workflows/function-reference/datetime/datetime_format.htm"),
  convert: reference(`${HELP}Date&Time/datetime_fromiso.htm`),
  textToDate: reference(`${HELP_WF}Date&Time/datetime_parse.htm`),
  unix: reference(`${HELP}datetime/datetime_unix.htm`),
  constructList: reference(`${HELP}list/list_construct.htm`),
  pluck: reference(`${HELP}list/list_pluck.htm`),
  listLength: reference(`${HELP_JA}list/list_length.htm`),
  listToText: reference(`${HELP}List/list_join.htm`),
  findInList: reference(`${HELP}list/list_findby.htm`),
  getFirstItem: reference(`${HELP}list/list_shift.htm`),
  getLastItem: reference(`${HELP}list/list_pop.htm`),
  intersection: reference(`${HELP}List/list_intersection.htm`),
  combineAll: reference(`${HELP}List/list_concat.htm`),
  constructObject: reference(`${HELP}Object/object_construct.htm`),
  getMultiple: reference(`${HELP}Object/object_pick.htm`),
  merge: reference(`${HELP}Object/object_merge.htm`),
  values: reference(`${HELP}object/object_values.htm`),
  clearEmpty: reference(`${HELP}Object/object_clearempty.htm`),
  parse: reference(`${HELP}JSON/json_parse.htm`),
  stringify: reference(`${HELP}json/json_stringify.htm`),
  encodeComponent: reference(`${HELP}URL/url_encodecomponent.htm`),
  decodeComponent: reference(`${HELP}url/url_decodecomponent.htm`),
  encodeQuery: reference(`${HELP_WF}URL/url_encode.htm`),
  hmac: reference(`${HELP}Encryption/encryption_hmac.htm`),
  createRow: reference(`${HELP}tables/stash_createrow.htm`),
  readRow: reference(`${HELP}tables/stash_readrow.htm`),
  updateRow: reference(`${HELP}Tables/stash_updaterow.htm`),
  deleteRow: reference(`${HELP}tables/stash_deleterow.htm`),
  searchRows: reference(`${HELP}Tables/stash_searchrows2.htm`),
  clearTable: reference(`${HELP}tables/stash_cleartable.htm`),
  /** Okta support: reading values with Object Get and Get Multiple (the ice-cream JSON). */
  getSupport: {
    url: "https://support.okta.com/help/s/article/get-data-from-a-json-object-in-workflows?language=en_US",
    kind: "support article",
  },
  /** Okta support: building JSON with Object Construct, a dotted field name making a nested object. */
  constructSupport: {
    url: "https://support.okta.com/help/s/article/how-to-create-json-data-in-workflows?language=en_US",
    kind: "support article",
  },
  /** Okta's blog (Workflows team): List Filter's "in" tests whether the item's value is part of the comparison. */
  customFilterBlog: { url: "https://www.okta.com/blog/2022/11/create-a-custom-list-filter/", kind: "blog" },
  /** The blog of Okta's Workflows developer advocate: an Assign If example. */
  conditionalLogicBlog: { url: "https://maxkatz.net/2025/09/15/a-guide-to-conditional-logic-in-okta-workflows-automation", kind: "blog" },
} as const satisfies Readonly<Record<string, DocPage>>;

/** A card whose page did not come up when the stored help-center pages were searched by its name and file name. */
function searched(name: string, file: string): CardDoc {
  return { notFound: `searched the help center for "${name}" and ${file}: no page came up` };
}

export const CARD_DOCS: Readonly<Record<string, CardDoc>> = {
  "string:concat": { page: PAGES.concat },
  "string:split": { page: PAGES.split },
  "string:replace": searched("Replace", "text_replace.htm"),
  "string:replaceAny": searched("Replace Patterns", "text_replaceany.htm"),
  "string:substr": searched("Text Segment", "text_substr.htm"),
  "string:trim": searched("Trim", "text_trim.htm"),
  "string:toLowerCase": searched("To Lower Case", "text_tolowercase.htm"),
  "string:toUpperCase": searched("To Upper Case", "text_touppercase.htm"),
  "string:length": searched("Length", "text_length.htm"),
  "string:find": { page: PAGES.find },
  "string:lastIndexOf": { page: PAGES.findLast },
  "string:match": { page: PAGES.findPattern },
  "string:at": searched("At", "text_at.htm"),
  "string:base64": searched("Base64", "text_base64.htm"),
  "string:base64Decode": searched("Base64 Decode", "text_base64decode.htm"),
  "string:random": { page: PAGES.randomText },
  "math:add": searched("Add", "number_add.htm"),
  "math:subtract": searched("Subtract", "number_subtract.htm"),
  "math:multiply": searched("Multiply", "number_multiply.htm"),
  "math:divide": { page: PAGES.divide },
  "math:ceil": { page: PAGES.roundUp },
  "math:floor": { page: PAGES.roundDown },
  "math:round": { page: PAGES.round },
  "math:random": searched("Random Integer", "number_random.htm"),
  "boolean:compare": { page: PAGES.compare },
  "boolean:and": { page: PAGES.and },
  "boolean:or": { page: PAGES.or },
  "boolean:xor": { page: PAGES.xor },
  "boolean:not": { page: PAGES.not },
  "control:assignIf": { page: PAGES.assignIf },
  "control:lookup": { page: PAGES.lookup },
  "date:now": { page: PAGES.now },
  "date:add": { page: PAGES.addDate },
  "date:subtract": { page: PAGES.subtractDate },
  "date:diff": searched("Difference", "datetime_diff.htm"),
  "date:format": { page: PAGES.dateToText },
  "date:fromISO": { page: PAGES.convert },
  "date:parse": { page: PAGES.textToDate },
  "date:unix": { page: PAGES.unix },
  "date:iso": searched("ISO", "datetime_iso.htm"),
  "list:construct": { page: PAGES.constructList },
  "list:pluck": { page: PAGES.pluck },
  "list:length": { page: PAGES.listLength },
  "list:at": searched("At", "list_at.htm"),
  "list:join": { page: PAGES.listToText },
  "list:filterBy": { page: PAGES.customFilterBlog },
  "list:findBy": { page: PAGES.findInList },
  "list:flatten": searched("Flatten", "list_flatten.htm"),
  "list:includes": searched("Includes", "list_includes.htm"),
  "list:shift": { page: PAGES.getFirstItem },
  "list:pop": { page: PAGES.getLastItem },
  "list:uniqueBy": searched("Remove Duplicates", "list_uniqueby.htm"),
  "list:difference": searched("Difference", "list_difference.htm"),
  "list:intersection": { page: PAGES.intersection },
  "list:union": searched("Union (Combine Unique)", "list_union.htm"),
  "list:concat": { page: PAGES.combineAll },
  "list:push": searched("Add to End", "list_push.htm"),
  "list:sortBy": searched("Sort", "list_sortby.htm"),
  "list:groupBy": searched("Group By", "list_groupby.htm"),
  "object:construct": { page: PAGES.constructObject },
  "object:get": { page: PAGES.getSupport },
  "object:pick": { page: PAGES.getMultiple },
  "object:merge": { page: PAGES.merge },
  "object:set": searched("Set", "object_set.htm"),
  "object:values": { page: PAGES.values },
  "object:clearEmpty": { page: PAGES.clearEmpty },
  "json:parse": { page: PAGES.parse },
  "json:stringify": { page: PAGES.stringify },
  "url:encodeComponent": { page: PAGES.encodeComponent },
  "url:decodeComponent": { page: PAGES.decodeComponent },
  "url:encode": { page: PAGES.encodeQuery },
  "crypto:hmac": { page: PAGES.hmac },
  "stash:createRow": { page: PAGES.createRow },
  "stash:readRow": { page: PAGES.readRow },
  "stash:updateRow": { page: PAGES.updateRow },
  "stash:deleteRow": { page: PAGES.deleteRow },
  "stash:searchRows2": { page: PAGES.searchRows },
  "stash:clearTable": { page: PAGES.clearTable },
  "stash:readTable": searched("Read Table", "stash_readtable.htm"),
};

/** Every address a case may cite. */
export const CITABLE: ReadonlySet<string> = new Set(Object.values(PAGES).map((p) => p.url));

/** The page a card's cases follow, or NO_PAGE. */
export function docOf(card: string): string {
  const doc = CARD_DOCS[card];
  return doc && "page" in doc ? doc.page.url : NO_PAGE;
}
