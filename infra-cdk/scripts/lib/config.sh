# Sourced by the scripts beside it. cfg PATH: one value of $CONFIG (config/<env>.json) by dotted path, arrays
# joined by spaces; empty when absent.
cfg() {
  node -e '
    const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const v = process.argv[2].split(".").reduce((o, k) => (o == null ? undefined : o[k]), c);
    if (v !== undefined) process.stdout.write(Array.isArray(v) ? v.join(" ") : String(v));
  ' "$CONFIG" "$1"
}
