"""The respondent pages' texts in Dutch and English (a small dictionary, no gettext)."""

from __future__ import annotations

LANGS = ("nl", "en")
LANG_NAMES = {"nl": "Nederlands", "en": "English"}

TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "site": "Innovatie Barometer Overheid",
        "for_org": "Voor: {org}",
        "welcome_title": "Welkom",
        "welcome_for": "U vult deze vragenlijst in voor {org}.",
        "welcome_time": "Het invullen duurt ongeveer {minutes} minuten. Uw antwoorden worden "
        "per pagina bewaard: u kunt stoppen en later met dezelfde link verdergaan.",
        "welcome_closes": "U kunt de vragenlijst invullen tot {date}.",
        "privacy_title": "Wat gebeurt er met uw antwoorden?",
        "privacy_default": "Wij bewaren uw antwoorden en de naam, sector en grootte van uw "
        "organisatie. Alleen de onderzoekers zien de antwoorden van afzonderlijke "
        "organisaties. Publicaties tonen alleen cijfers over groepen van ten minste vijf "
        "organisaties; open antwoorden worden niet met de naam van uw organisatie "
        "gepubliceerd. De naam en het e-mailadres van de contactpersoon worden verwijderd "
        "na afloop van het veldwerk; de antwoorden worden bewaard zolang het onderzoek loopt, "
        "om de uitkomsten met eerdere en latere metingen te kunnen vergelijken.",
        "contact_line": "Vragen? Neem contact op met {contact}.",
        "next_title": "Wat gebeurt er nu?",
        "next_steps": "Na de sluiting van het onderzoek verwerken de onderzoekers alle "
        "antwoorden en publiceren zij een rapport met cijfers per sector. Uw organisatie is "
        "daarin niet herkenbaar.",
        "next_feedback": "U heeft om een eigen terugkoppelrapport gevraagd. U ontvangt het per "
        "e-mail nadat het onderzoek is gesloten en de cijfers zijn berekend.",
        "copy_pdf": "Download een kopie van uw antwoorden (PDF)",
        "skip": "Naar de inhoud",
        "language": "Taal",
        "page_of": "Pagina {n} van {total}",
        "progress": "Voortgang",
        "all_required": "Alle vragen zijn verplicht, tenzij er (optioneel) bij staat.",
        "optional": "(optioneel)",
        "next": "Opslaan en verder",
        "previous": "Opslaan en terug",
        "errors_title": "Er {verb} {n} {noun} op deze pagina",
        "error_prefix": "Fout:",
        "revealed": "Door uw antwoord zijn er vragen bijgekomen op deze pagina. Beantwoord "
        "ze en kies dan Opslaan en verder.",
        "cleaned": "Uw antwoord is opgeslagen, maar zonder onzichtbare stuurtekens, en ingekort "
        "tot 10.000 tekens als het langer was. Controleer het en kies dan Opslaan en verder. "
        "Het gaat om:",
        "hides_one": "Let op: door deze wijziging vervalt een vraag die u al had "
        "beantwoord. Het antwoord blijft bewaard tot u de vragenlijst verstuurt; zet u uw "
        "antwoord terug, dan komt het terug.",
        "hides_many": "Let op: door deze wijziging vervallen {n} vragen die u al had "
        "beantwoord. De antwoorden blijven bewaard tot u de vragenlijst verstuurt; zet u uw "
        "antwoord terug, dan komen ze terug.",
        "kept_hidden": "Door uw antwoorden gelden {n} eerder beantwoorde vragen niet meer. Die "
        "antwoorden worden niet verstuurd; ze worden verwijderd als u op Versturen klikt.",
        "conflict_title": "Uw antwoorden zijn niet opgeslagen",
        "conflict": "Deze vragenlijst is intussen in een ander venster of op een ander "
        "apparaat gewijzigd. Hieronder staan de antwoorden zoals ze nu zijn opgeslagen. "
        "Controleer ze, pas ze zo nodig aan en sla opnieuw op.",
        "review_title": "Controleer uw antwoorden",
        "review_intro": "Controleer uw antwoorden. U kunt ze nog wijzigen. Met Versturen "
        "rondt u de vragenlijst af; daarna kunt u niets meer wijzigen.",
        "change": "Wijzig",
        "change_page": "antwoorden op pagina {title}",
        "submit": "Versturen",
        "not_answered": "Niet beantwoord",
        "done_title": "Bedankt voor het invullen",
        "done_intro": "Uw antwoorden zijn verstuurd op {when}. Hieronder staat een kopie; u "
        "kunt deze pagina bewaren of afdrukken.",
        "copy_title": "Uw antwoorden",
        "invalid_title": "Deze link werkt niet",
        "invalid": "De link is onjuist of onvolledig. Gebruik de link uit de meest recente "
        "e-mail over de Innovatie Barometer, of neem contact op met de onderzoekers.",
        "closed_title": "Het onderzoek is gesloten",
        "closed": "De vragenlijst kan niet meer worden ingevuld. Bedankt voor uw interesse.",
        "throttled_title": "Te veel pogingen",
        "throttled": "Er zijn vanaf uw adres te veel onjuiste links geprobeerd. Probeer het "
        "later opnieuw.",
        "optout_title": "Afmelden voor e-mails",
        "optout_intro": "Wilt u geen e-mails meer ontvangen over de Innovatie Barometer "
        "voor {org}?",
        "optout_button": "Afmelden",
        "optout_done": "U bent afgemeld. U ontvangt geen e-mails meer over dit onderzoek.",
        "start": "Naar de vragenlijst",
    },
    "en": {
        "site": "Public Sector Innovation Barometer",
        "for_org": "For: {org}",
        "welcome_title": "Welcome",
        "welcome_for": "You are answering this questionnaire for {org}.",
        "welcome_time": "It takes about {minutes} minutes. Your answers are saved page by "
        "page: you can stop and continue later with the same link.",
        "welcome_closes": "You can fill in the questionnaire until {date}.",
        "privacy_title": "What happens to your answers?",
        "privacy_default": "We keep your answers and your organisation's name, sector and "
        "size. Only the researchers see the answers of individual organisations. "
        "Publications show figures for groups of at least five organisations only; open "
        "answers are not published with your organisation's name. The contact person's name "
        "and e-mail address are deleted after the fieldwork; the answers are kept while the "
        "study runs, to compare the results with earlier and later waves.",
        "contact_line": "Questions? Contact {contact}.",
        "next_title": "What happens next?",
        "next_steps": "After the survey closes, the researchers process all answers and "
        "publish a report with figures per sector. Your organisation cannot be recognised "
        "in it.",
        "next_feedback": "You asked for a feedback report of your own. You will receive it by "
        "e-mail after the survey has closed and the figures have been computed.",
        "copy_pdf": "Download a copy of your answers (PDF)",
        "skip": "Skip to content",
        "language": "Language",
        "page_of": "Page {n} of {total}",
        "progress": "Progress",
        "all_required": "All questions must be answered unless marked (optional).",
        "optional": "(optional)",
        "next": "Save and continue",
        "previous": "Save and go back",
        "errors_title": "There {verb} {n} {noun} on this page",
        "error_prefix": "Error:",
        "revealed": "Your answer added questions to this page. Answer them, then choose "
        "Save and continue.",
        "cleaned": "Your answer was saved, but without invisible control characters, and "
        "shortened to 10,000 characters if it was longer. Check it, then choose Save and "
        "continue. This concerns:",
        "hides_one": "Note: this change removes a question you have already answered. The "
        "answer is kept until you submit; change your answer back and it returns.",
        "hides_many": "Note: this change removes {n} questions you have already answered. "
        "The answers are kept until you submit; change your answer back and they return.",
        "kept_hidden": "Because of your answers, {n} questions answered earlier no longer "
        "apply. Those answers are not submitted; they are removed when you choose Submit.",
        "conflict_title": "Your answers were not saved",
        "conflict": "This questionnaire was changed meanwhile in another window or on "
        "another device. Below are the answers as they are saved now. Check them, change "
        "them if needed, and save again.",
        "review_title": "Check your answers",
        "review_intro": "Check your answers. You can still change them. Submit completes "
        "the questionnaire; after that nothing can be changed.",
        "change": "Change",
        "change_page": "answers on page {title}",
        "submit": "Submit",
        "not_answered": "Not answered",
        "done_title": "Thank you for taking part",
        "done_intro": "Your answers were submitted on {when}. Below is a copy; you can keep "
        "or print this page.",
        "copy_title": "Your answers",
        "invalid_title": "This link does not work",
        "invalid": "The link is wrong or incomplete. Use the link in the most recent e-mail "
        "about the Innovation Barometer, or contact the researchers.",
        "closed_title": "The survey is closed",
        "closed": "The questionnaire can no longer be filled in. Thank you for your interest.",
        "throttled_title": "Too many attempts",
        "throttled": "Too many wrong links were tried from your address. Please try again later.",
        "optout_title": "Stop e-mails",
        "optout_intro": "Do you want to stop receiving e-mails about the Innovation "
        "Barometer for {org}?",
        "optout_button": "Stop e-mails",
        "optout_done": "You will receive no more e-mails about this survey.",
        "start": "Go to the questionnaire",
    },
}


def texts(lang: str) -> dict[str, str]:
    return TEXTS.get(lang, TEXTS["nl"])


def errors_title(lang: str, n: int) -> str:
    if lang == "en":
        verb, noun = ("is", "problem") if n == 1 else ("are", "problems")
    else:
        verb, noun = ("is", "probleem") if n == 1 else ("zijn", "problemen")
    return texts(lang)["errors_title"].format(verb=verb, n=n, noun=noun)
