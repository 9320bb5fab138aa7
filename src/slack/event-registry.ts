import type { App, Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';

/**
 * The Events API event types the app has listeners for. Listeners of Events API callbacks are
 * registered here, never with `app.event` or `app.message` directly: the receiver stores a callback
 * in inbound_events only when its type is here, so what is kept and what is handled cannot drift
 * apart. Every other callback (today all of them: staff talk in case channels included) is answered
 * 200 and not stored. Commands, buttons, shortcuts and forms are not Events API callbacks.
 */
export class SlackEventRegistry {
  private readonly types = new Set<string>();

  /** Registers Bolt listeners for one event type and marks the type as handled. */
  listen<T extends string>(app: App, type: T, ...listeners: Middleware<SlackEventMiddlewareArgs<T>>[]): void {
    this.types.add(type);
    app.event(type, ...listeners);
  }

  handles(type: string): boolean {
    return this.types.has(type);
  }
}
