"""The demo’s people and words: role groups, organisation archetypes, how each group sees things, comments.

Content, not logic (respondents.py draws from it). Levels are on the choice scale of a question, 0 for
its worst choice and 3 for its best; a group’s bias moves every answer of its members (executives see
their organisation brighter than the community managers who run its accounts do).
"""

from __future__ import annotations

# Organisation archetypes, as the respondents experience them: one level per practice.
ARCHETYPES = {
    "cautious_institution": {
        "validation": 0.4,
        "autonomy": 1.0,
        "staffing": 1.5,
        "budget": 1.1,
        "listening": 0.9,
        "reactivity": 0.6,
        "engagement": 1.2,
        "voice": 1.2,
        "leadership": 1.0,
    },
    "broadcast_machine": {
        "validation": 1.0,
        "autonomy": 0.6,
        "staffing": 1.1,
        "budget": 0.5,
        "listening": 0.5,
        "reactivity": 1.1,
        "engagement": 0.4,
        "voice": 0.8,
        "leadership": 0.7,
    },
    "growing_team": {
        "validation": 1.6,
        "autonomy": 1.7,
        "staffing": 2.0,
        "budget": 1.4,
        "listening": 1.8,
        "reactivity": 1.5,
        "engagement": 1.7,
        "voice": 2.0,
        "leadership": 1.5,
    },
}
# How often a respondent sees the organisation as each archetype (a large, mostly cautious client).
ARCHETYPE_WEIGHTS = {"cautious_institution": 0.55, "broadcast_machine": 0.25, "growing_team": 0.2}
# What round 2 changed: a validation charter, a written crisis plan, a first listening tool.
ROUND_TWO_CHANGES = {"validation": 0.9, "reactivity": 0.6, "listening": 0.3}

# name, profile, respondents in round 1 and 2, bias on every answer, extra bias per practice, voice of comments.
GROUPS = (
    {
        "name": {"en": "Executive committee", "fr": "Comité de direction"},
        "profile": "executive",
        "respondents": (4, 5),
        "bias": 0.9,
        "practice_bias": {"leadership": 0.6, "budget": 0.4},
        "voice": "executive",
    },
    {
        "name": {"en": "Communication and marketing", "fr": "Communication et marketing"},
        "profile": "staff",
        "respondents": (6, 3),
        "bias": 0.3,
        "practice_bias": {"engagement": 0.3},
        "voice": "staff",
    },
    {
        "name": {"en": "Community management", "fr": "Community management"},
        "profile": "staff",
        "respondents": (5, 5),
        "bias": -0.3,
        "practice_bias": {"validation": -0.5, "autonomy": -0.4, "budget": -0.3},
        "voice": "community",
    },
    {
        "name": {"en": "Legal", "fr": "Juridique"},
        "profile": "staff",
        "respondents": (2, 2),  # under the anonymity threshold: never shown on its own
        "bias": 0.2,
        "practice_bias": {"validation": 1.2},
        "voice": "legal",
    },
)

DONT_KNOW_RATE = {"executive": 0.08, "staff": 0.04, "candidate": 0.2}
COMMENT_RATE = 0.35  # chance that a respondent comments on a given practice they feel strongly about
# (practice, voice) -> comments; "any" fits every voice.
COMMENTS = {
    "fr": {
        ("validation", "community"): [
            "Trois validations pour un simple visuel d’événement, on publie quand l’événement est fini.",
            "Le juridique relit tout, même une réponse à une question sur les horaires d’ouverture.",
            "On m’a demandé de ne plus répondre le week-end tant que le directeur n’a pas relu.",
        ],
        ("validation", "executive"): [
            "Le circuit de validation nous protège : mieux vaut un jour de retard qu’un bad buzz.",
            "Nous avons allégé le circuit cette année, les équipes ne s’en rendent peut-être pas compte.",
        ],
        ("validation", "legal"): ["Nous relisons seulement ce qu’on nous envoie, et souvent trop tard."],
        ("validation", "staff"): ["La charte de validation a clarifié qui décide, mais les délais restent longs."],
        ("autonomy", "community"): [
            "Je n’ai pas les accès administrateur de la page, il faut passer par l’agence.",
            "On me demande d’être spontanée tout en faisant tout valider.",
        ],
        ("autonomy", "executive"): ["Nos community managers ont toute notre confiance pour le quotidien."],
        ("staffing", "community"): [
            "Quand je suis en congé, personne ne reprend les comptes : les messages s’accumulent.",
            "Je suis seule à gérer cinq comptes en plus de la newsletter.",
        ],
        ("staffing", "any"): ["Une formation juridique courte nous éviterait beaucoup d’allers-retours."],
        ("budget", "community"): ["Pas de budget outil : je fais la veille à la main, le soir."],
        ("budget", "executive"): ["Le budget social media a doublé, surtout en publicité sponsorisée."],
        ("budget", "staff"): ["On nous demande des ventes tout de suite, pas de construire une communauté."],
        ("listening", "any"): [
            "Les retours clients des réseaux ne remontent jamais jusqu’au produit.",
            "On lit les commentaires, mais personne n’en fait rien.",
        ],
        ("listening", "executive"): ["Nous suivons les indicateurs d’audience chaque mois en comité."],
        ("reactivity", "community"): [
            "Lors du dernier incident, on a attendu deux jours un feu vert pour répondre.",
            "Il n’y a pas de plan de crise, juste une liste de numéros qui date.",
        ],
        ("reactivity", "staff"): ["Le plan de crise existe maintenant, il reste à l’exercer."],
        ("engagement", "any"): [
            "On publie beaucoup de promotions et on s’étonne que personne ne réponde.",
            "Les membres les plus actifs ne sont jamais remerciés ni invités.",
        ],
        ("voice", "any"): [
            "Le ton reste très institutionnel, on dirait un communiqué de presse.",
            "Nos valeurs affichées et nos réponses aux clients ne disent pas la même chose.",
        ],
        ("voice", "executive"): ["La marque doit parler d’une seule voix, la nôtre."],
        ("leadership", "community"): ["La direction voit les réseaux comme de la publicité gratuite."],
        ("leadership", "executive"): ["Les réseaux sociaux sont à l’ordre du jour de chaque comité trimestriel."],
        ("leadership", "staff"): ["Le dialogue avec la direction s’est ouvert depuis le séminaire de rentrée."],
    },
    "en": {
        ("validation", "community"): [
            "Three sign-offs for an event visual: it goes out after the event is over.",
            "Legal reads everything, even a reply about opening hours.",
        ],
        ("validation", "executive"): ["The sign-off chain protects us: a day late beats a backlash."],
        ("validation", "legal"): ["We only review what we are sent, and usually too late."],
        ("validation", "staff"): ["The validation charter made clear who decides, but it still takes days."],
        ("autonomy", "community"): ["I don’t have admin rights on our page; everything goes through the agency."],
        ("staffing", "community"): ["When I’m on leave nobody takes over; messages pile up."],
        ("budget", "community"): ["No budget for tools: I do the monitoring by hand, in the evening."],
        ("budget", "executive"): ["The social media budget doubled, mostly for sponsored posts."],
        ("listening", "any"): ["Customer feedback from social media never reaches the product team."],
        ("reactivity", "community"): ["At the last incident we waited two days for a go-ahead to answer."],
        ("reactivity", "staff"): ["The crisis plan exists now; we still have to rehearse it."],
        ("engagement", "any"): ["We post promotions all week and wonder why nobody answers."],
        ("voice", "any"): ["The tone is still very corporate, like a press release."],
        ("leadership", "community"): ["Management sees social media as free advertising."],
        ("leadership", "executive"): ["Social media is on the agenda of every quarterly board meeting."],
    },
}
