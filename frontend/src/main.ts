// Picks the page for the path and loads only its code, so a waiter's phone never downloads the station screen.
import { mount } from "svelte";
import "./lib/base.css";

const path = location.pathname;
const target = document.getElementById("app")!;

async function start() {
  if (path.startsWith("/service")) {
    const { default: App } = await import("./service/ServiceApp.svelte");
    mount(App, { target });
  } else if (path.startsWith("/bar")) {
    const { default: App } = await import("./bar/BarApp.svelte");
    mount(App, { target });
  } else if (path.startsWith("/display")) {
    const { default: App } = await import("./display/DisplayApp.svelte");
    mount(App, { target });
  } else if (path.startsWith("/admin")) {
    const { default: App } = await import("./admin/AdminApp.svelte");
    mount(App, { target });
  } else {
    const { default: App } = await import("./lib/Home.svelte");
    mount(App, { target });
  }
}

void start();
