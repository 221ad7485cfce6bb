### Messages: the preview: terminal lines and its error page (src/serve).
### Ids start with "serve-"; the same ids, with the same arguments, are in ../en/serve.ftl.

serve-page-title = Le site ne peut pas être construit
serve-page-explain = { $errors ->
        [one] Le contenu a { $errors } erreur. Corrigez-la et enregistrez le fichier : cette page se recharge d’elle-même.
       *[other] Le contenu a { $errors } erreurs. Corrigez-les et enregistrez le fichier : cette page se recharge d’elle-même.
    }
serve-page-hint = Conseil : { $hint }
serve-changed = { $files } { $count ->
        [one] modifié →
       *[other] modifiés →
    }
serve-changed-more = { $files } et { $more ->
        [one] { $more } autre fichier modifiés →
       *[other] { $more } autres fichiers modifiés →
    }
serve-built = construit en { $ms } ms : { $events ->
        [one] { $events } événement
       *[other] { $events } événements
    }, les pages sont faites à mesure que le navigateur les demande
serve-built-fixed = construit en { $ms } ms (erreurs corrigées) : { $events ->
        [one] { $events } événement
       *[other] { $events } événements
    }, les pages sont faites à mesure que le navigateur les demande
serve-build-failed = échec de la construction en { $ms } ms : { $errors ->
        [one] { $errors } erreur, que le navigateur affiche
       *[other] { $errors } erreurs, que le navigateur affiche
    } jusqu’à ce qu’elles soient corrigées
serve-render-panicked = BUG : le rendu du site entier a planté ; merci de le signaler
serve-render-summary = { $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    }, { $feeds ->
        [one] { $feeds } fichier d’agenda
       *[other] { $feeds } fichiers d’agenda
    }
serve-rendered = site entier rendu en { $ms } ms : { $summary }
serve-render-failed = échec de la construction en { $ms } ms : { $errors ->
        [one] { $errors } erreur pendant le rendu, que le navigateur affiche
       *[other] { $errors } erreurs pendant le rendu, que le navigateur affiche
    } jusqu’à ce qu’elles soient corrigées
serve-no-change = aucune page modifiée
serve-list-more = { $files } et { $more ->
        [one] { $more } autre
       *[other] { $more } autres
    }
serve-updated = { $count ->
        [one] { $count } fichier mis à jour
       *[other] { $count } fichiers mis à jour
    } ({ $files })
serve-added = { $count ->
        [one] { $count } fichier ajouté
       *[other] { $count } fichiers ajoutés
    } ({ $files })
serve-removed = { $count ->
        [one] { $count } fichier supprimé
       *[other] { $count } fichiers supprimés
    } ({ $files })
serve-cannot-open = impossible d’ouvrir le dossier du site { $folder } : { $error }
serve-no-content = { $folder } n’a pas de dossier content/ : lancez la commande dans le dossier d’un site, ou indiquez-le avec --root DOSSIER
serve-port-in-use = le port { $port } est déjà utilisé : indiquez un autre numéro avec --port, ou --port 0 pour n’importe quel port libre
serve-cannot-listen = impossible d’écouter sur { $address } : { $error }
serve-cannot-read-address = impossible de lire l’adresse d’écoute : { $error }
serve-serving = aperçu du site à l’adresse { $address }
serve-network-note = remarque : le serveur écoute sur { $ip }, les autres ordinateurs du réseau peuvent donc voir cet aperçu (brouillons compris avec --drafts)
serve-watching = les modifications de content/ et themes/ sont suivies ; arrêtez avec Ctrl-C
serve-cannot-start = impossible de démarrer le serveur : { $error }
serve-watch-stopped = le suivi des modifications du dossier du site s’est arrêté
serve-cannot-watch-site = impossible de suivre les modifications du dossier du site : { $error }
serve-cannot-watch = impossible de suivre { $folder } : { $error }
serve-watch-error = suivi des modifications : { $error }
