/** Reading the cards of a built event flow, for tests that compare its start card with the derived one. */
import { ASYNC_EACH_ADDRESS, CALLABLE_ADDRESS } from "../../src/shapes/known-cards.js";

type Obj = Record<string, any>;

/** The event card and the start card of the body of a built event flow. */
export function eventAndStart(flopack: Obj): { event: Obj; start: Obj } {
  const methods = (Object.values(flopack.data.flos)[0] as Obj).data.methods as Obj[];
  const wrapper = methods.find((m) => m.address === ASYNC_EACH_ADDRESS)!;
  const body = (Object.values(wrapper.node.model.inputs.data) as Obj[]).find((e) => e.key === "flo")!.value.data;
  return { event: methods.find((m) => m !== wrapper)!, start: (body.methods as Obj[]).find((m) => m.address === CALLABLE_ADDRESS)! };
}

/** A card without ids, uuid and what the body writes into it (pins, `_used`). */
export function comparable(c: Obj): Obj {
  const out = structuredClone(c);
  delete out.uuid;
  delete out.pins;
  for (const side of ["inputs", "outputs"])
    out.node.model[side].data = Object.values(out.node.model[side].data as Obj).map(({ id: _i, _used: _u, ...rest }: Obj) => rest);
  return out;
}
