import { useQuery } from "@tanstack/react-query";
import { liveStatusOptions } from "../lib/live.js";

/** "Live" while changes made elsewhere appear by themselves; otherwise it says they are paused. */
export function LiveStatus() {
  const live = useQuery(liveStatusOptions).data === true;
  return (
    <span
      className={live ? "live-status live-on" : "live-status"}
      data-live={live ? "on" : "off"}
      title={
        live
          ? "Changes made elsewhere appear here by themselves"
          : "Connecting: until then, changes made elsewhere appear after a reload"
      }
    >
      <span aria-hidden="true">●</span> {live ? "Live" : "Connecting…"}
    </span>
  );
}
