import { createRoute } from "@tanstack/react-router";
import { CreateTokenForm, TokenList } from "../people/tokens-panel.js";
import { signedInRoute } from "./signed-in-layout.js";

export const tokensRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/tokens",
  component: TokensPage,
});

function TokensPage() {
  const { me } = tokensRoute.useRouteContext();
  return (
    <div className="page">
      <h1>API tokens</h1>
      <p className="muted">
        A token lets a script call the API as you: send it as{" "}
        <code>Authorization: Bearer &lt;token&gt;</code>.
      </p>
      <div className="panel">
        <CreateTokenForm />
      </div>
      <section className="panel" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">
          {me.role === "admin" ? "Everyone's tokens" : "Your tokens"}
        </h2>
        <TokenList me={me} />
      </section>
    </div>
  );
}
