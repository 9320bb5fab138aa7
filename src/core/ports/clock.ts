/** The app's clock: the system's in production, a movable one in tests and in the demo. */
export interface Clock {
  now(): Date;
}
