import { defineMessages } from "./define.ts";

/** IPG ballots: the draft form's answers and proxy rules. */
export const ballotDraft = defineMessages({
  en: {
    "ballots.preview.title": "Electorate if the ballot opened now",
    "ballots.preview.count": "{n} platforms: the active platforms of the trusted regions, as their rosters last said.",
    "ballots.preview.conflicts": "Claimed by two regions, to settle before opening: {platforms}",
    "ballots.field.options": "Options ({language})",
    "ballots.field.optionsHint":
      "One option per line, in the same order in every language. Leave empty for a motion (Yes / No).",
    "ballots.field.choice": "Choice",
    "ballots.draft.single": "One option per vote",
    "ballots.draft.multiple": "Several options per vote",
    "ballots.field.maxChoices": "Most options per vote",
    "ballots.field.maxProxiesPerHolder": "Most proxies one platform may hold",
    "ballots.field.maxProxiesHint": "0 forbids proxies.",
    "ballots.field.substitutesAllowed": "Substitutes may vote",
    "ballots.error.options-mismatch": "Every language that lists options must list as many, in the same order.",
  },
  fr: {
    "ballots.preview.title": "Corps électoral si le scrutin ouvrait maintenant",
    "ballots.preview.count":
      "{n} plateformes : les plateformes actives des régions de confiance, selon leurs dernières listes.",
    "ballots.preview.conflicts": "Revendiquées par deux régions, à régler avant l'ouverture : {platforms}",
    "ballots.field.options": "Options ({language})",
    "ballots.field.optionsHint":
      "Une option par ligne, dans le même ordre dans chaque langue. Laisser vide pour une motion (Oui / Non).",
    "ballots.field.choice": "Choix",
    "ballots.draft.single": "Une option par vote",
    "ballots.draft.multiple": "Plusieurs options par vote",
    "ballots.field.maxChoices": "Nombre maximal d'options par vote",
    "ballots.field.maxProxiesPerHolder": "Nombre maximal de procurations par plateforme",
    "ballots.field.maxProxiesHint": "0 interdit les procurations.",
    "ballots.field.substitutesAllowed": "Les suppléant·es peuvent voter",
    "ballots.error.options-mismatch": "Chaque langue qui liste des options doit en lister autant, dans le même ordre.",
  },
  es: {
    "ballots.preview.title": "Electorado si la votación se abriera ahora",
    "ballots.preview.count":
      "{n} plataformas: las plataformas activas de las regiones de confianza, según sus últimas listas.",
    "ballots.preview.conflicts": "Reclamadas por dos regiones, a resolver antes de abrir: {platforms}",
    "ballots.field.options": "Opciones ({language})",
    "ballots.field.optionsHint":
      "Una opción por línea, en el mismo orden en cada idioma. Dejar vacío para una moción (Sí / No).",
    "ballots.field.choice": "Elección",
    "ballots.draft.single": "Una opción por voto",
    "ballots.draft.multiple": "Varias opciones por voto",
    "ballots.field.maxChoices": "Máximo de opciones por voto",
    "ballots.field.maxProxiesPerHolder": "Máximo de poderes por plataforma",
    "ballots.field.maxProxiesHint": "0 prohíbe los poderes.",
    "ballots.field.substitutesAllowed": "Los suplentes pueden votar",
    "ballots.error.options-mismatch": "Cada idioma que lista opciones debe listar las mismas, en el mismo orden.",
  },
  pt: {
    "ballots.preview.title": "Eleitorado se a votação abrisse agora",
    "ballots.preview.count":
      "{n} plataformas: as plataformas ativas das regiões de confiança, segundo as suas últimas listas.",
    "ballots.preview.conflicts": "Reivindicadas por duas regiões, a resolver antes de abrir: {platforms}",
    "ballots.field.options": "Opções ({language})",
    "ballots.field.optionsHint":
      "Uma opção por linha, pela mesma ordem em cada língua. Deixar vazio para uma moção (Sim / Não).",
    "ballots.field.choice": "Escolha",
    "ballots.draft.single": "Uma opção por voto",
    "ballots.draft.multiple": "Várias opções por voto",
    "ballots.field.maxChoices": "Máximo de opções por voto",
    "ballots.field.maxProxiesPerHolder": "Máximo de procurações por plataforma",
    "ballots.field.maxProxiesHint": "0 proíbe as procurações.",
    "ballots.field.substitutesAllowed": "Os suplentes podem votar",
    "ballots.error.options-mismatch": "Cada língua que lista opções deve listar as mesmas, pela mesma ordem.",
  },
});
