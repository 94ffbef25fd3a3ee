// Calls the spec forbids. Each line under `@ts-expect-error` must be a type error: if the
// generated types ever stopped catching it (an `any`, a missing path), tsc reports the
// directive as unused and the check fails. Only type-checked, never run.
import type { Controller, Schemas } from "./flow.js";

export async function forbiddenCalls(api: Controller): Promise<void> {
  // @ts-expect-error: no such path
  await api.GET("/api/v1/model/");
  // @ts-expect-error: no such filter on list_models
  await api.GET("/api/v1/models/", { params: { query: { no_such_filter: "x" } } });
  // @ts-expect-error: X-Limit is an integer
  await api.GET("/api/v1/models/", { params: { header: { "X-Limit": "ten" } } });
  // @ts-expect-error: the path needs its id
  await api.GET("/api/v1/models/{id}", {});
  // @ts-expect-error: not a Helper
  await api.PUT("/api/v1/helpers/active", { body: { helper: "picklehelper" } });
  // @ts-expect-error: session_config lacks the required model_id
  await api.POST("/api/v1/sessions/", { body: { session_config: { aggregator: "fedavg" } } });
}

export function forbiddenReads(session: Schemas["Session"], status: Schemas["Status"]): void {
  // @ts-expect-error: status may be null
  session.status.toLowerCase();
  // @ts-expect-error: no such field
  void session.no_such_field;
  // @ts-expect-error: a timestamp is a string, not a Date
  status.timestamp?.getTime();
}
