import type { QueryClient } from "@tanstack/react-query";
import { createRouter } from "@tanstack/react-router";
import { deskRoute } from "./desk-page.js";
import { inviteRoute } from "./invite-page.js";
import { mailRoute } from "./mail-page.js";
import { peopleRoute } from "./people-page.js";
import { publicRoute } from "./public-layout.js";
import { rootRoute } from "./root-route.js";
import { parseSearch, stringifySearch } from "./search-params.js";
import { setupRoute } from "./setup-page.js";
import { signedInRoute } from "./signed-in-layout.js";
import { signinRoute } from "./signin-page.js";
import { signupRoute } from "./signup-page.js";
import { ticketRoute } from "./ticket-page.js";
import { tokensRoute } from "./tokens-page.js";
import { triageRoute } from "./triage-page.js";

const routeTree = rootRoute.addChildren([
  publicRoute.addChildren([signinRoute, signupRoute, setupRoute, inviteRoute]),
  signedInRoute.addChildren([
    deskRoute,
    ticketRoute,
    peopleRoute,
    tokensRoute,
    mailRoute,
    triageRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    parseSearch,
    stringifySearch,
    scrollRestoration: true,
  });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
