// Loads i18next resources written by `reclaim-i18n build` and resolves keys with counts.
// Usage: node plural_check.mjs cases.json   (cases: [{lng, file, keys: [..], counts: [..]}])
// Prints, per case, Intl.PluralRules' categories and t(key, {count}) for every count.
import { readFileSync } from "node:fs";
import i18next from "i18next";

const cases = JSON.parse(readFileSync(process.argv[2], "utf8"));
const results = [];
for (const c of cases) {
  const instance = i18next.createInstance();
  await instance.init({
    lng: c.lng,
    fallbackLng: false,
    resources: { [c.lng]: { translation: JSON.parse(readFileSync(c.file, "utf8")) } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const out = {};
  for (const key of c.keys) {
    out[key] = c.counts.map((count) => instance.t(key, { count }));
  }
  results.push({
    lng: c.lng,
    file: c.file,
    categories: new Intl.PluralRules(c.lng).resolvedOptions().pluralCategories,
    results: out,
  });
}
console.log(JSON.stringify(results));
