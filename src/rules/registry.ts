import type { Rule } from "./types.js";
import { envelopeKeys } from "./envelope-keys.js";
import { dataKeys } from "./data-keys.js";
import { hasFlows } from "./has-flows.js";
import { idsMatchKeys } from "./ids-match-keys.js";
import { configNoSecrets } from "./config-no-secrets.js";
import { groupPath } from "./group-path.js";
import { groupRefs } from "./group-refs.js";
import { configRefs } from "./config-refs.js";
import { tableRefs } from "./table-refs.js";
import { helperFlowRefs } from "./helper-flow-refs.js";
import { errorFlowRefs } from "./error-flow-refs.js";
import { flowKeys } from "./flow-keys.js";
import { flowDataKeyOrder } from "./flow-data-key-order.js";
import { uniqueFlowNames } from "./unique-flow-names.js";
import { flowName } from "./flow-name.js";
import { singleRoot } from "./single-root.js";
import { scheduleConsistency } from "./schedule-consistency.js";
import { callableConsistency } from "./callable-consistency.js";
import { securityLevel } from "./security-level.js";
import { cronShape } from "./cron-shape.js";
import { uniqueCardUuids } from "./unique-card-uuids.js";
import { uniqueEntryIds } from "./unique-entry-ids.js";
import { uniqueEdgeIds } from "./unique-edge-ids.js";
import { orderingsResolve } from "./orderings-resolve.js";
import { pinsResolve } from "./pins-resolve.js";
import { transformKeys } from "./transform-keys.js";
import { branchesValid } from "./branches-valid.js";
import { joinsValid } from "./joins-valid.js";
import { addressGrammar } from "./address-grammar.js";
import { cardKeyOrder } from "./card-key-order.js";
import { parentsMatchAddress } from "./parents-match-address.js";
import { nodeKeyMatchesAddress } from "./node-key-matches-address.js";
import { kernelConfigNull } from "./kernel-config-null.js";
import { entryIdMatchesKey } from "./entry-id-matches-key.js";
import { optionFlags } from "./option-flags.js";
import { outputNotRequired } from "./output-not-required.js";
import { singlePinPerInput } from "./single-pin-per-input.js";
import { cardNameMatchesMetadata } from "./card-name-matches-metadata.js";
import { eventWrapper } from "./event-wrapper.js";
import { mirroredEntries } from "./mirrored-entries.js";
import { collectionKeys } from "./collection-keys.js";
import { transformWhenTypesDiffer } from "./transform-when-types-differ.js";
import { collectionData } from "./collection-data.js";
import { groupsPresent } from "./groups-present.js";
import { joinKeysAreInputs } from "./join-keys-are-inputs.js";
import { duplicateEdges } from "./duplicate-edges.js";
import { singlePredecessor } from "./single-predecessor.js";
import { pinnedInputDefault } from "./pinned-input-default.js";
import { entryIndexSequence } from "./entry-index-sequence.js";
import { tableUsed } from "./table-used.js";
import { channelConfigSet } from "./channel-config-set.js";
import { channelParentIds } from "./channel-parent-ids.js";
import { previewMatchesMethods } from "./preview-matches-methods.js";
import { flowDescription } from "./flow-description.js";
import { branchEdgesToJoin } from "./branch-edges-to-join.js";
import { flowStub } from "./flow-stub.js";
import { securityLevelLeftover } from "./security-level-leftover.js";

/**
 * Every rule, in the order they run and are listed. FP1xx are errors (invariants of every real export,
 * FLOPACK.md §8.1), FP2xx warnings (usually true, §8.2). Codes are forever: see retired.ts.
 */
export const RULES: readonly Rule[] = [
  envelopeKeys,
  dataKeys,
  hasFlows,
  idsMatchKeys,
  configNoSecrets,
  groupPath,
  groupRefs,
  configRefs,
  tableRefs,
  helperFlowRefs,
  errorFlowRefs,
  flowKeys,
  flowDataKeyOrder,
  flowName,
  uniqueFlowNames,
  singleRoot,
  scheduleConsistency,
  callableConsistency,
  securityLevel,
  cronShape,
  uniqueCardUuids,
  uniqueEntryIds,
  uniqueEdgeIds,
  orderingsResolve,
  pinsResolve,
  transformKeys,
  branchesValid,
  joinsValid,
  addressGrammar,
  cardKeyOrder,
  parentsMatchAddress,
  nodeKeyMatchesAddress,
  kernelConfigNull,
  entryIdMatchesKey,
  optionFlags,
  outputNotRequired,
  singlePinPerInput,
  cardNameMatchesMetadata,
  eventWrapper,
  mirroredEntries,
  transformWhenTypesDiffer,
  collectionData,
  groupsPresent,
  joinKeysAreInputs,
  duplicateEdges,
  singlePredecessor,
  pinnedInputDefault,
  entryIndexSequence,
  tableUsed,
  channelConfigSet,
  channelParentIds,
  previewMatchesMethods,
  flowDescription,
  branchEdgesToJoin,
  collectionKeys,
  flowStub,
  securityLevelLeftover,
];
