/** divider: a thin rule. */
export function Divider() {
  return <hr class="sk-divider" />;
}
