"""The vocabulary of web furniture, as data: one place for every word list of the clean stage.

Menus, share buttons, trending and related lists, adverts, newsletter and login prompts,
comment sections, footers, summary boxes and weather widgets are made of the same few words
on every news site. These lists hold those words in English, German, French and Spanish,
casefolded, with "|" between entries. None of them names a site, person, place or event:
they describe web pages in general. The classifier in :mod:`wiretrace.clean.text` turns
them into features (see :func:`wiretrace.clean.text.vocabulary_hits`).

Nothing here runs at import time beyond compiling a few regular expressions.
"""

from __future__ import annotations

import re
from typing import Final

# Vocabulary of web furniture, as data. English, German, French and Spanish; entries are
# casefolded, "|" separates entries. Each category is matched three ways (see vocabulary_hits):
# whole line equals an entry ("exact"), every segment/token of a list-shaped line is an entry
# ("list"), or a line contains one of the multi-word PHRASES below ("phrase").
BOILERPLATE_VOCABULARY: Final[dict[str, dict[str, str]]] = {
    "menu": {
        "en": "menu|main menu|navigation|home|homepage|sections|section|"
        "search|skip to content|skip to main content|more|back to top|top|sitemap|categories|"
        "topics|editions|edition|products|services|connect|"
        "news|world|business|sport|sports|opinion|blog|interview|lifestyle|entertainment|"
        "politics|tech|technology|science|health|culture|video|videos|photos|podcasts|"
        "live|markets|economy|local|national|international|previous|next|close|open|"
        "all|tags|tag|archive|archives|e-paper|epaper|apps|app",
        "de": "menü|hauptmenü|startseite|navigation|suche|ressorts|rubriken|mehr|zurück|"
        "nach oben|themen|politik|wirtschaft|kultur|panorama|wissen|meinung|lokales|"
        "nachrichten|schließen|weiter",
        "fr": "menu|accueil|rubriques|recherche|rechercher|plus|retour en haut|thèmes|"
        "actualités|politique|économie|culture|société|monde|sports|fermer|suivant|précédent",
        "es": "menú|inicio|portada|secciones|buscar|más|volver arriba|temas|noticias|"
        "política|economía|cultura|sociedad|mundo|deportes|cerrar|siguiente|anterior",
    },
    "trending": {
        "en": "trending|trending now|trending news|trending stories|most read|most popular|"
        "most viewed|most shared|popular|popular now|latest|latest news|latest stories|"
        "top stories|top news|breaking news|just in|editor's picks|editors' picks|must read|"
        "don't miss|in case you missed it|what's hot|hot topics",
        "de": "weitere nachrichten|meistgelesen|meistgelesene artikel|meistgelesene|"
        "am meisten gelesen|beliebt|beliebteste artikel|neueste nachrichten|"
        "aktuelle nachrichten|neueste artikel|top-themen|topthemen|top-artikel",
        "fr": "les plus lus|les plus populaires|dernières nouvelles|dernières actualités|"
        "tendances|à la une|à ne pas manquer|en ce moment|les plus partagés",
        "es": "lo más leído|lo más visto|más leídas|más leído|más leídos|últimas noticias|"
        "tendencias|lo último|no te lo pierdas|destacados",
    },
    "related": {
        "en": "related|related articles|related stories|related news|related content|"
        "related topics|read more|read also|also read|see also|more news|more stories|"
        "more from|recommended|recommended for you|you may also like|you might also like|"
        "more on this story|more on this topic|further reading|read next|up next|"
        "other news|other stories|similar posts|similar articles|more articles|next post|"
        "previous post|next article|previous article|next story|previous story|"
        "you might like|more like this",
        "de": "mehr zum thema|das könnte sie auch interessieren|auch interessant|"
        "lesen sie auch|lesen sie mehr|empfohlen|weitere artikel|weitere themen|"
        "verwandte artikel|ähnliche artikel|mehr nachrichten|weiterlesen|ähnliche beiträge|"
        "ähnliche themen|weitere beiträge|nächster beitrag|vorheriger beitrag|"
        "das könnte dich auch interessieren|das thema könnte dich auch interessieren|"
        "mehr zu diesem thema|zum thema",
        "fr": "à lire aussi|lire aussi|voir aussi|articles liés|sur le même sujet|"
        "plus d'actualités|à lire également|lire la suite|nos recommandations|"
        "articles similaires|article suivant|article précédent|dans la même rubrique",
        "es": "te puede interesar|lee también|noticias relacionadas|relacionado|"
        "relacionados|también te puede interesar|ver más|leer más|más noticias|"
        "artículos relacionados|te recomendamos|artículos similares|siguiente artículo|"
        "artículo anterior|entrada siguiente|entrada anterior",
    },
    "share": {
        "en": "share|share this|share this article|share this story|share on facebook|"
        "share on twitter|tweet|email|email this|print|print this|copy link|copy url|"
        "whatsapp|facebook|twitter|x|linkedin|youtube|instagram|rss|telegram|reddit|"
        "pinterest|quora|tiktok|threads|bluesky|mastodon|flipboard|"
        "connect with us|follow us|follow us on|stay connected|social media|share this post|"
        "share this:|share via|share article",
        "de": "teilen|artikel teilen|beitrag teilen|drucken|folgen sie uns|link kopieren|"
        "per e-mail teilen|per mail versenden|e-mail|diese geschichte teilen|"
        "teile diesen artikel|diesen artikel teilen|twittern|tweeten|empfehlen|teilen mit",
        "fr": "partager|partagez|partager cet article|imprimer|suivez-nous|suivez nous|"
        "copier le lien|envoyer par e-mail",
        "es": "compartir|comparte|compartir en facebook|imprimir|síguenos|siguenos|"
        "copiar enlace|enviar por correo",
    },
    "advert": {
        "en": "advertisement|advertisements|advertising|advert|ad|ads|sponsored|"
        "sponsored content|promoted|promoted content|paid content|partner content|"
        "paid post|scroll to continue|scroll to continue with content|continue reading below",
        "de": "anzeige|werbung|gesponsert|sponsored|anzeigen",
        "fr": "publicité|pub|sponsorisé|contenu sponsorisé|contenu partenaire",
        "es": "publicidad|anuncio|patrocinado|contenido patrocinado",
    },
    "newsletter": {
        "en": "newsletter|newsletters|subscribe|subscribe now|subscribe to our newsletter|"
        "sign up|sign up now|give feedback|feedback|send feedback|unsubscribe|get alerts|"
        "get the app|download the app|support us|donate",
        "de": "newsletter abonnieren|abonnieren|jetzt abonnieren|abo|jetzt anmelden|feedback geben",
        "fr": "abonnez-vous|s'abonner|inscrivez-vous|lettre d'information|je m'abonne",
        "es": "suscríbete|suscribirse|suscribete|boletín|boletines|regístrate gratis",
    },
    "comment-prompt": {
        "en": "comments|comment|leave a comment|write a comment|post a comment|add a comment|"
        "log in|login|sign in|register|reply|view comments|show comments|join the conversation|"
        "join the discussion|comments are closed|comments closed|0 comments|leave a reply|"
        "what do you think|post comment|submit comment|cancel reply",
        "de": "kommentare|kommentar|kommentar schreiben|kommentieren|einloggen|anmelden|"
        "registrieren|antworten|hinterlasse einen kommentar|schreibe einen kommentar|"
        "kommentare geschlossen|was denkst du|was meinen sie|kommentar abschicken",
        "fr": "commentaires|commentaire|commenter|se connecter|connectez-vous|réagir|"
        "répondre|s'inscrire|laisser un commentaire|laisser une réponse|qu'en pensez-vous|"
        "commentaires fermés",
        "es": "comentarios|comentario|comentar|iniciar sesión|inicia sesión|regístrate|"
        "responder|registrarse|deja un comentario|deja una respuesta|qué opinas|"
        "comentarios cerrados",
    },
    "footer": {
        "en": "privacy policy|privacy|privacy notice|terms of use|terms of service|terms|"
        "terms and conditions|cookie policy|cookies|cookie settings|manage cookies|disclaimer|"
        "contact|contact us|about|about us|imprint|careers|jobs|advertise|advertise with us|"
        "accessibility|rss feeds|help|faq|corrections|ethics policy|editorial policy|"
        "code of conduct|do not sell my personal information",
        "de": "impressum|datenschutz|datenschutzerklärung|nutzungsbedingungen|kontakt|agb|"
        "barrierefreiheit|cookie-einstellungen|über uns|mediadaten|hilfe",
        "fr": "mentions légales|politique de confidentialité|conditions d'utilisation|"
        "conditions générales|nous contacter|contactez-nous|gestion des cookies|à propos|"
        "qui sommes-nous|aide",
        "es": "aviso legal|política de privacidad|términos de uso|términos y condiciones|"
        "contacto|contáctanos|política de cookies|quiénes somos|ayuda",
    },
    "summary": {
        "en": "key takeaways|takeaways|synopsis|highlights|story highlights|summary|in brief|"
        "at a glance|tl;dr|tldr|key points|quick read|what you need to know|in short|"
        "article summary|ai summary",
        "de": "das wichtigste in kürze|das wichtigste|zusammenfassung|auf einen blick|"
        "in kürze|kurz gefasst",
        "fr": "l'essentiel|en bref|résumé|ce qu'il faut retenir|points clés|à retenir",
        "es": "claves|las claves|en resumen|lo más importante|puntos clave|resumen|en breve",
    },
    "weather": {
        "en": "weather|forecast|humidity|today's weather",
        "de": "wetter|wettervorhersage",
        "fr": "météo|prévisions",
        "es": "clima|el tiempo|pronóstico",
    },
}

#: Multi-word phrases that betray furniture wherever they occur in a short or medium line.
#: Only phrases that would be odd in reporting belong here ("log in" alone would not do).
PHRASES: Final[dict[str, str]] = {
    "comment-prompt": (
        "to reduce spam|will not be published|wird nicht veröffentlicht|"
        "ne sera pas publiée|no será publicada|required fields are marked|"
        "please log in|log in to comment|login to comment|"
        "sign in to comment|leave a comment|write a comment|"
        "post a comment|add a comment|comments are closed|be the first to comment|"
        "kommentar schreiben|um zu kommentieren|pour commenter|pour réagir|para comentar|"
        "deja un comentario|inicia sesión para"
    ),
    "advert": (
        "story continues below advertisement|article continues below|scroll to continue|"
        "advertisement -|- advertisement|continue reading below"
    ),
    "share": (
        "empfiehl dies|share this post|diesen artikel teilen|share this article|"
        "share on facebook|share on twitter|follow us on"
    ),
    "login": (
        "don't have an account|already have an account|create an account|create account|"
        "forgot your password|forgot password|noch kein konto|konto erstellen|"
        "passwort vergessen|créer un compte|mot de passe oublié|no tienes cuenta|"
        "crear cuenta|olvidaste tu contraseña"
    ),
    "paywall": (
        "free articles|free article|already a subscriber|subscribe to continue|"
        "to continue reading|subscribers only|gratis-artikel|kostenlose artikel|"
        "bereits abonnent|um weiterzulesen|articles gratuits|déjà abonné|"
        "pour lire la suite|réservé aux abonnés|artículos gratuitos|ya eres suscriptor|"
        "para seguir leyendo|exclusivo para suscriptores"
    ),
    "newsletter": (
        "our newsletter|unser newsletter|unseren newsletter|unserem newsletter|"
        "notre newsletter|nuestro boletín|subscribe to our newsletter|"
        "sign up for our newsletter|sign up for the|subscribe to our|"
        "newsletter abonnieren|abonnez-vous à notre|inscrivez-vous à notre|"
        "suscríbete a nuestro|get our newsletter"
    ),
    "footer": (
        "privacy policy|terms of use|terms of service|cookie policy|terms and conditions|"
        "datenschutzerklärung|nutzungsbedingungen|politique de confidentialité|"
        "mentions légales|política de privacidad|aviso legal"
    ),
    "author-bio": (
        "is a reporter|is a correspondent|is a staff writer|"
        "is a freelance|covers |writes about|editorial team|is an editor"
    ),
}

#: Words that betray furniture inside a very short line (at most 5 words: "Spektrum
#: Newsletter", "Was sind Cookies?"), where the line is a label rather than a sentence.
SHORT_LINE_WORDS: Final[dict[str, str]] = {
    "newsletter": "newsletter|abonnieren|subscribe|s'abonner|suscríbete",
    "footer": (
        "cookies|privacy|datenschutz|impressum|nutzungsbedingungen|terms of use|"
        "disclaimer|confidentialité|privacidad"
    ),
    "comment-prompt": "comments|kommentare|commentaires|comentarios",
    "share": "share|teilen|partager|compartir|twittern",
    "advert": "advertisement|anzeige|werbung|publicité|publicidad",
    "related": "more from|related|read more|mehr von|lesen sie|plus de|más de",
    "trending": "trending|most read|meistgelesen|les plus lus|lo más leído",
}

#: Generic nouns that follow a furniture heading ("Trending *Articles*", "Related *Posts*"):
#: stripped from the end of a line before it is looked up in the vocabulary.
HEADING_NOUNS: Final = re.compile(
    r"\s+(?:articles?|stories|story|news|posts?|videos?|topics|headlines|content|links|"
    r"beiträge|beitrag|artikel|nachrichten|meldungen|themen|actualités|artículos|noticias|"
    r"entradas|temas)$"
)

#: Lines that credit sources. They are kept even at the very end of a page, because the trace
#: stage needs them ("(With inputs from agencies.)", "Reporting by ...").
ATTRIBUTION_RE: Final = re.compile(
    r"^\W{0,3}(?:with (?:inputs|input|agency inputs|additional reporting|reporting)\b|"
    r"(?:additional )?reporting by\b|writing by\b|editing by\b|compiled by\b|"
    r"translated (?:from|by)\b|this (?:article|story|report|post|piece) (?:was|has been|first|"
    r"originally)\b|originally (?:appeared|published)\b|(?:erschien )?zuerst (?:erschienen|"
    r"veröffentlicht)\b|publié initialement|publicado originalmente|"
    r"source[s]?:|via\b|with (?:afp|ap|dpa|reuters)|.{0,60}contributed (?:to this )?report|"
    r"mit material von\b|mit agenturmaterial|quelle:|avec (?:afp|ap|reuters|agences)\b|"
    r"con información de\b|fuente:|\(?[a-z]+/[a-z]+\)?$)",
    re.IGNORECASE,
)

#: Photo captions: a repeated line with one of these cues loses every copy.
CAPTION_RE: Final = re.compile(
    r"\b(?:file photo|photo(?:graph)?s? (?:by|courtesy|credit)|pictured|in this (?:photo|image|"
    r"picture|handout)|(?:ap|afp|epa|reuters|getty|handout) (?:photo|images?)|photo:|"
    r"image:|foto:|bild:|crédit photo|photo :|fotografía:|imagen:|archivfoto|archive photo)|"
    r"\[[^\]]{2,60}\]$|\((?:photo|foto|image|bild)[^)]*\)$",
    re.I,
)

#: Headers of readers' comments: "Comment by ...", "... says:", "Reply", "3 Comments".
COMMENT_HEADER_RE: Final = re.compile(
    r"^(?:comment|kommentar|commentaire|comentario)\s+(?:by|von|de|par|por)\s|"
    r"\b(?:says|sagt|schreibt|dit|écrit|dice|escribe|escribió|wrote)\s*:\s*$|"
    r"^(?:reply|antworten|répondre|responder|respond)\W*$|"
    r"^\d+\s+(?:comments?|kommentare?|commentaires?|comentarios?|responses?|réponses|"
    r"respuestas)\b|\b\d+ (?:thoughts|responses|replies) (?:on|to)\b|"
    r"^(?:leave a reply|leave a comment|hinterlasse einen kommentar|schreibe einen kommentar|"
    r"laisser un commentaire|laisser une réponse|deja un comentario|deja una respuesta)\W*$",
    re.I,
)

#: Tag and category lines under an article: "Tags: ...", "Filed under ...".
TAG_LINE_RE: Final = re.compile(
    r"^(?:tags?|tagged(?: with)?|schlagw(?:ö|oe)rter|stichw(?:ö|oe)rter|getaggt mit|"
    r"mots[- ]clés|étiquettes|etiquetas|filed under|posted in|kategorien|catégories|"
    r"categorías|this entry was posted in|dieser eintrag wurde (?:veröffentlicht|"
    r"abgelegt) in)\s*:?\s",
    re.I,
)

#: Copyright notices.
COPYRIGHT_RE: Final = re.compile(
    r"©|\(c\)\s*\d{4}|^\W*copyright\b|\bcopyright\s*(?:\(c\)\s*)?(?:19|20)\d\d|"
    r"all rights reserved|alle rechte vorbehalten|"
    r"tous droits réservés|todos los derechos reservados",
    re.I,
)

#: A photo credit that marks a line as a caption even when it occurs once:
#: "... (AP Photo/Jane Doe)", "Photo: Jane Doe/Agency", "... REUTERS/Jane Doe".
PHOTO_CREDIT_RE: Final = re.compile(
    r"\((?:[A-Z][\w.]*\s+)?(?i:photo|foto|image|bild|picture)s?\b[^()]{0,60}\)$|"
    r"^(?i:photo|image|foto|bild|picture|credit|crédit photo|fotografía|imagen)\s*:|"
    r"(?<![\w/.])[A-Z]{2,}/[A-Z][a-z][\w.'-]*(?: [A-Z][\w.'-]+){0,3}\)?$|"
    r"/\s*(?i:getty images|shutterstock|istock)\)?$"
)
