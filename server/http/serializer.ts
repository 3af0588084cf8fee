import fastJson from "fast-json-stringify";
import type { FastifySerializerCompiler } from "fastify/types/schema.js";
import { serializerCompiler as zodSerializer } from "fastify-type-provider-zod";
import { z } from "zod";

/**
 * A success reply is written by a serializer compiled from the endpoint's response schema (as
 * JSON Schema): it sends only the declared fields, without parsing the reply with zod first.
 * What the handlers return is typed by the same schema, and a test checks every endpoint's real
 * reply against it. Other replies a handler sends itself (health's 503) keep zod's checked
 * serializer; the error handler writes its own `{error, …}` bodies (server/http/errors.ts).
 */
export const serializerCompiler: FastifySerializerCompiler<z.ZodType> = (
  route,
) =>
  route.httpStatus?.startsWith("2")
    ? fastJson(
        z.toJSONSchema(route.schema, {
          io: "output",
          target: "draft-7",
        }) as fastJson.AnySchema,
      )
    : zodSerializer(route);
