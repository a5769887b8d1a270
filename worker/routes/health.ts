import { Hono } from "hono";
import type { AppEnv } from "../auth/session.ts";

export const health = new Hono<AppEnv>().get("/health", (c) => c.json({ ok: true, version: c.env.APP_VERSION ?? "dev" }));
