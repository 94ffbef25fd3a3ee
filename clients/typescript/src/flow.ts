// A typed call sequence against the controller API, written the way a TypeScript team would
// with openapi-fetch over the types openapi-typescript generates from openapi/controller.yaml.
// Paths, parameters, bodies and answers are all checked by `tsc --strict`; a spec change that
// breaks this code breaks the build (and our test suite).
import createClient, { type Client } from "openapi-fetch";

import type { components, paths } from "./generated/controller.js";

export type Schemas = components["schemas"];
export type Controller = Client<paths>;

/** A client for `baseUrl`, sending `token` (an access token) when given. */
export function controller(baseUrl: string, token?: string): Controller {
  return createClient<paths>({
    baseUrl,
    headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
  });
}

/** The answer's data, or an Error carrying the server's `message`. */
function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) {
    const message = (result.error as Schemas["Error"] | undefined)?.message;
    throw new Error(`${result.response.status} ${result.response.url}: ${message ?? "no body"}`);
  }
  return result.data;
}

/** One page of a session's models, oldest first: paging headers and a filter. */
export async function modelsOfSession(
  api: Controller,
  sessionId: string,
  page: { size: number; skip: number },
): Promise<Schemas["ModelList"]> {
  return ok(
    await api.GET("/api/v1/models/", {
      params: {
        header: {
          "X-Limit": page.size,
          "X-Skip": page.skip,
          "X-Sort-Key": "committed_at",
          "X-Sort-Order": "asc",
        },
        query: { session_id: sessionId },
      },
    }),
  );
}

/** One model by its id. */
export async function model(api: Controller, id: string): Promise<Schemas["Model"]> {
  return ok(await api.GET("/api/v1/models/{id}", { params: { path: { id } } }));
}

/** Uploads `file` by the chunk protocol and adds it as the newest model; returns its id. */
export async function uploadModel(
  api: Controller,
  file: Uint8Array,
  fileName: string,
  helper: Schemas["Helper"],
  chunkSize = 1 << 20,
): Promise<string> {
  const started = ok(
    await api.POST("/api/v1/file-upload/init", {
      body: { file_name: fileName, file_size: file.byteLength, chunk_size: chunkSize },
    }),
  );
  const upload = { path: { upload_id: started.upload_id } };
  for (let index = 0; index * chunkSize < file.byteLength; index += 1) {
    const chunk = new Blob([file.slice(index * chunkSize, (index + 1) * chunkSize)]);
    ok(
      await api.POST("/api/v1/file-upload/{upload_id}/chunk", {
        params: { ...upload, header: { "X-Chunk-Index": index } },
        body: chunk,
        bodySerializer: (body) => body,
        headers: { "Content-Type": "application/octet-stream" },
      }),
    );
  }
  const { file_token } = ok(await api.POST("/api/v1/file-upload/{upload_id}/complete", { params: upload }));
  ok(await api.PUT("/api/v1/helpers/active", { body: { helper } }));
  const form: Schemas["ModelAddForm"] = { file_token, helper };
  const added = ok(
    await api.POST("/api/v1/models/", {
      body: form,
      // The form-encoded body (Scaleout Edge's): the operation also takes FEDn's multipart form.
      bodySerializer: () => new URLSearchParams({ ...form }),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    }),
  );
  if (added.model_id === undefined) {
    throw new Error(`the server added the model without saying its id: ${added.message}`);
  }
  return added.model_id;
}

/** Creates a session that starts from `modelId` and starts it; returns the session. */
export async function trainFrom(
  api: Controller,
  modelId: string,
  name: string,
  rounds: number,
): Promise<Schemas["Session"]> {
  // The eight required fields; the spec's `default`s are the values the documented clients send.
  const config: Schemas["SessionConfig"] = {
    aggregator: "fedavg",
    round_timeout: 180,
    buffer_size: -1,
    delete_models_storage: true,
    clients_required: 1,
    validate: true,
    helper_type: "numpyhelper",
    model_id: modelId,
    rounds,
  };
  const created = ok(
    await api.POST("/api/v1/sessions/", {
      body: { name, seed_model_id: modelId, session_config: config },
    }),
  );
  ok(
    await api.POST("/api/v1/sessions/start", {
      body: { session_id: created.session_id, rounds },
    }),
  );
  return ok(
    await api.GET("/api/v1/sessions/{id}", { params: { path: { id: created.session_id } } }),
  );
}
