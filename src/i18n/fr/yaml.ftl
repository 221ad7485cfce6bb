### Messages : les erreurs YAML et serde des fichiers de contenu (src/content/yaml_errors.rs).
### Ids start with "yaml-"; the same ids, with the same arguments, are in ../en/yaml.ftl.

yaml-tab-here = une tabulation n’est pas permise ici
yaml-tab-hint = en YAML, le retrait se fait uniquement avec des espaces : remplacez les tabulations par des espaces
yaml-quote-never-closed = ce guillemet n’est jamais fermé
yaml-quote-never-closed-hint = fermez le guillemet à la fin de la valeur, ou retirez-le : les guillemets ne sont nécessaires qu’autour d’un texte qui contient `: ` ou ` #`
yaml-list-not-closed = la liste ouverte ici par `[` n’est pas fermée, ou il y manque une virgule
yaml-list-not-closed-hint = écrivez-la sur une seule ligne, les éléments séparés par des virgules, et terminez-la par `]`, par exemple themes: [coopération, culture]
yaml-group-not-closed = le groupe ouvert ici par `{"{"}` n’est pas fermé, ou il y manque une virgule
yaml-group-not-closed-hint = écrivez-le sur une seule ligne, les champs séparés par des virgules, et terminez-le par `{"}"}`, par exemple location: {"{"} name: Les Ateliers, city: Bruxelles {"}"}
yaml-field-twice-at = le champ `{ $field }` est écrit deux fois (la première fois à la ligne { $line })
yaml-field-twice = le champ `{ $field }` est écrit deux fois
yaml-field-twice-hint = n’en gardez qu’un
yaml-key-twice-hint = un même nom apparaît deux fois dans le même bloc : n’en gardez qu’un
yaml-colon-in-value = ce texte contient un deux-points (« : »), que YAML prend pour le début d’un nouveau champ
yaml-colon-in-value-hint = mettez le texte entre guillemets droits : `{ $fixed }` (`ambassade check --fix` le fait pour vous)
yaml-unexpected-colon = deux-points inattendu ici : il ouvre un nouveau champ à un endroit où il ne peut pas y en avoir
yaml-lost-indentation = cette ligne semble avoir perdu son retrait : indentez-la sous `{ $parent }`
yaml-lost-indentation-hint = ajoutez des espaces au début de la ligne, autant que pour les lignes écrites sous `{ $parent }`
yaml-unknown-field = champ inconnu : { $field } ; { $count ->
        [1] le seul champ possible ici est { $last }
       *[other] les champs possibles ici sont { $names } et { $last }
    }
yaml-unknown-field-hint = vérifiez l’orthographe du nom du champ ; les champs permis sont décrits dans le README
yaml-did-you-mean = vouliez-vous écrire `{ $field }` ?
yaml-unknown-value = valeur inconnue : { $value } ; { $count ->
        [1] la seule valeur possible est { $last }
       *[other] les valeurs possibles sont { $names } et { $last }
    }
yaml-unknown-value-hint = utilisez l’une des valeurs de la liste, écrite exactement ainsi
yaml-missing-field = champ obligatoire absent : `{ $field }`
yaml-missing-field-hint = ajoutez ce champ : il est obligatoire
yaml-indentation-hint = vérifiez le retrait de cette ligne et de la précédente, et mettez entre guillemets un texte qui contient « : »
yaml-quote-hint = un guillemet est ouvert et jamais fermé
yaml-wrong-form-hint = cette valeur n’a pas la bonne forme : voyez la description du champ dans le README
yaml-wrong-type = il faut ici { $expected ->
        [text] un texte
        [list] une liste
        [boolean] `true` ou `false`
        [byte] un nombre entier de 0 à 255
        [u16] un nombre entier de 0 à 65535
        [natural] un nombre entier, 0 ou plus
        [whole] un nombre entier
        [number] un nombre
        [group] un groupe de champs (des lignes `nom: valeur`)
       *[as-is] { $expected_value }
    }, et non { $found ->
        [list] une liste
        [group] un groupe de champs
        [empty] une valeur vide
        [text] le texte { $found_value }
        [number] le nombre { $found_value }
       *[as-is] { $found_value }
    }
yaml-front-matter-not-closed = l’en-tête entre les deux lignes `---` n’est jamais fermé : la seconde ligne `---` manque
yaml-front-matter-not-closed-hint = ajoutez une ligne `---` après le dernier champ, avant le texte
yaml-fix-changed = { $file }:{ $line } : corrigé : { $before } → { $after }
yaml-path-field = `{ $field }`
yaml-path-item = { $number ->
        [1] 1er élément
       *[other] { $number }e élément
    }
yaml-path-element = { $number ->
        [1] 1er élément
       *[other] { $number }e élément
    } de `{ $list }`
yaml-path-titled = { $element } (« { $title } »)
yaml-path-within = { $inner } du { $outer }
yaml-field-in-english = les noms des champs sont en anglais : écrivez `{ $field }`
