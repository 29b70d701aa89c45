"""Demo titles: books, films, records, shows, concerts and the other offers of each kind
of venue. EANs are given as their first 12 digits (publisher and label prefixes); the
check digit is computed, so every EAN-13 is valid."""

# (title, author, EAN-13 without check digit, pocket-edition price in cents)
BOOKS = (
    ("L'Étranger", "Albert Camus", "978207036002", 7_60),
    ("La Peste", "Albert Camus", "978207036042", 9_20),
    ("Le Petit Prince", "Antoine de Saint-Exupéry", "978207061275", 8_00),
    ("Madame Bovary", "Gustave Flaubert", "978207041311", 6_90),
    ("Germinal", "Émile Zola", "978225300422", 6_90),
    ("Au Bonheur des Dames", "Émile Zola", "978225300286", 5_90),
    ("1984", "George Orwell", "978207036822", 9_70),
    ("L'Écume des jours", "Boris Vian", "978225314087", 7_40),
    ("Les Misérables, tome 1", "Victor Hugo", "978225309634", 8_90),
    ("Notre-Dame de Paris", "Victor Hugo", "978225300968", 8_40),
    ("Le Rouge et le Noir", "Stendhal", "978207041284", 8_30),
    ("Bel-Ami", "Guy de Maupassant", "978225300961", 4_90),
    ("Candide ou l'Optimisme", "Voltaire", "978207046652", 3_50),
    ("Le Comte de Monte-Cristo, tome 1", "Alexandre Dumas", "978207040536", 10_90),
    ("Les Trois Mousquetaires", "Alexandre Dumas", "978207041726", 11_50),
    ("Vingt mille lieues sous les mers", "Jules Verne", "978225300632", 5_90),
    ("Le Tour du monde en quatre-vingts jours", "Jules Verne", "978225301236", 4_90),
    ("Les Fleurs du mal", "Charles Baudelaire", "978207041908", 5_60),
    ("Le Horla", "Guy de Maupassant", "978207040853", 3_10),
    ("La Princesse de Clèves", "Madame de La Fayette", "978207041017", 4_80),
    ("Le Père Goriot", "Honoré de Balzac", "978207040934", 5_10),
    ("Le Grand Meaulnes", "Alain-Fournier", "978225300552", 4_90),
    ("Bonjour tristesse", "Françoise Sagan", "978226600025", 6_50),
    ("La Condition humaine", "André Malraux", "978207036001", 9_40),
    ("Voyage au bout de la nuit", "Louis-Ferdinand Céline", "978207036028", 10_90),
    ("Les Liaisons dangereuses", "Choderlos de Laclos", "978207041375", 7_10),
    ("Mémoires d'Hadrien", "Marguerite Yourcenar", "978207036921", 9_70),
    ("Rhinocéros", "Eugène Ionesco", "978207036816", 6_90),
    ("La Vie devant soi", "Romain Gary (Émile Ajar)", "978207037362", 8_20),
    ("Le Vieil Homme et la Mer", "Ernest Hemingway", "978207036007", 6_20),
    ("Des souris et des hommes", "John Steinbeck", "978207036037", 5_90),
    ("L'Amant", "Marguerite Duras", "978270731061", 7_50),
    ("W ou le Souvenir d'enfance", "Georges Perec", "978207039360", 7_90),
    ("Le Ravissement de Lol V. Stein", "Marguerite Duras", "978207036810", 7_10),
    ("Chanson douce", "Leïla Slimani", "978207279300", 8_30),
    ("L'Art de perdre", "Alice Zeniter", "978207278845", 9_90),
    ("Petit Pays", "Gaël Faye", "978225307045", 7_90),
    ("Les Années", "Annie Ernaux", "978207040223", 8_90),
    ("Cahier d'un retour au pays natal", "Aimé Césaire", "978270870151", 7_00),
    ("Texaco", "Patrick Chamoiseau", "978207038756", 10_30),
    ("Pedro Páramo", "Juan Rulfo", "978207041330", 6_60),
    ("Frankenstein", "Mary Shelley", "978207041814", 5_90),
)

# (title, director, duration in minutes)
FILMS = (
    ("Le Comte de Monte-Cristo", "Matthieu Delaporte, Alexandre de La Patellière", 178),
    ("Anatomie d'une chute", "Justine Triet", 151),
    ("Le Règne animal", "Thomas Cailley", 128),
    ("Vingt Dieux", "Louise Courvoisier", 90),
    ("En fanfare", "Emmanuel Courcol", 103),
    ("Flow, le chat qui n'avait plus peur de l'eau", "Gints Zilbalodis", 85),
    ("La Nuit du 12", "Dominik Moll", 114),
    ("Les Misérables", "Ladj Ly", 104),
    ("Portrait de la jeune fille en feu", "Céline Sciamma", 122),
    ("Intouchables", "Olivier Nakache, Éric Toledano", 112),
    ("Le Fabuleux Destin d'Amélie Poulain", "Jean-Pierre Jeunet", 122),
    ("La Haine", "Mathieu Kassovitz", 98),
    ("Les Quatre Cents Coups", "François Truffaut", 99),
    ("Le Voyage de Chihiro", "Hayao Miyazaki", 125),
    ("Playtime", "Jacques Tati", 124),
    ("Le Grand Bain", "Gilles Lellouche", 122),
)

# (title, artist, EAN-13 without check digit)
ALBUMS = (
    ("Random Access Memories", "Daft Punk", "088883716241"),
    ("Racine carrée", "Stromae", "060253747428"),
    ("Chaleur humaine", "Christine and the Queens", "082564618237"),
    ("Brol", "Angèle", "060257718325"),
    ("La fête est finie", "Orelsan", "060255795633"),
    ("Histoire de Melody Nelson", "Serge Gainsbourg", "073145486312"),
    ("Moon Safari", "Air", "072438445781"),
    ("Les Marquises", "Jacques Brel", "060075305120"),
    ("Nakamura", "Aya Nakamura", "019075883492"),
    ("Deux frères", "PNL", "019075926412"),
    ("Majestik Zouk", "Kassav'", "352949007203"),
    ("Pili pili sur un croissant au beurre", "Gaël Faye", "376016251231"),
    ("Dure limite", "Téléphone", "019029633213"),
    ("L'Enfant sauvage", "Gojira", "001686767821"),
    ("Multitude", "Stromae", "060244514942"),
    ("Civilisation", "Orelsan", "060243891391"),
)

# (title, performer, music type, subcategory)
CONCERTS = (
    ("Jazz manouche au coin du feu", "Trio Django du Rhin", "Jazz", "CONCERT"),
    ("Nuit électro", "Collectif Nuit Blanche", "Électro", "CONCERT"),
    ("Fest-noz des Abers", "Trio Brocéliande", "Musique traditionnelle", "EVENEMENT_MUSIQUE"),
    ("Rap : scène ouverte", "Les Voix de la Plaine", "Hip-hop, rap", "CONCERT"),
    ("Kasékò et musiques du fleuve", "Kalinda Tambou", "Musiques du monde", "CONCERT"),
    ("Baroque au clair de lune", "Ensemble Les Ombres du Lez", "Classique", "CONCERT"),
    ("Rock en stock", "Les Vagues Sonores", "Rock", "CONCERT"),
    ("Chanson française, nouvelle scène", "Lou Marin", "Chanson", "CONCERT"),
    ("Soul & funk session", "The Harbour Groove", "Soul, funk", "CONCERT"),
    ("Orchestre des jeunes en concert", "Orchestre des jeunes", "Classique", "CONCERT"),
    ("Festival Les Nuits d'été", "Artistes variés", "Pop", "FESTIVAL_MUSIQUE"),
    ("Reggae sunsplash", "Roots Connexion", "Reggae", "CONCERT"),
)

# (title, author or company, show type)
SHOWS = (
    ("Le Misanthrope", "Molière", "Théâtre"),
    ("Cyrano de Bergerac", "Edmond Rostand", "Théâtre"),
    ("Antigone", "Jean Anouilh", "Théâtre"),
    ("Le Jeu de l'amour et du hasard", "Marivaux", "Théâtre"),
    ("En attendant Godot", "Samuel Beckett", "Théâtre"),
    ("Phèdre", "Jean Racine", "Théâtre"),
    ("Le Mariage de Figaro", "Beaumarchais", "Théâtre"),
    ("Juste la fin du monde", "Jean-Luc Lagarce", "Théâtre"),
    ("Incendies", "Wajdi Mouawad", "Théâtre"),
    ("Oncle Vania", "Anton Tchekhov", "Théâtre"),
    ("Boléro, ballet contemporain", "Compagnie Hors Cadre", "Danse"),
    ("Le Fil, cirque aérien", "Compagnie Les Funambules", "Cirque"),
    ("Improvisation : le match", "Ligue d'improvisation", "Humour"),
    ("Carmen", "Georges Bizet", "Opéra"),
)

# (subcategory, title, price in cents, places; None = unlimited) — a venue kind's offers.
MUSEUM_OFFERS = (
    ("VISITE", "Visite libre des collections", 0, None),
    ("VISITE_GUIDEE", "Visite guidée : les trésors du musée", 6_00, 20),
    ("EVENEMENT_PATRIMOINE", "Atelier : restaurer une œuvre", 8_00, 12),
    ("CARTE_MUSEE", "Pass annuel du musée", 15_00, None),
)
HERITAGE_OFFERS = (
    ("VISITE_GUIDEE", "Visite guidée du site", 5_00, 25),
    ("EVENEMENT_PATRIMOINE", "Journée mémoire et patrimoine", 0, 60),
    ("CONFERENCE", "Conférence : l'histoire du lieu", 0, 80),
)
CONSERVATORY_OFFERS = (
    ("ATELIER_PRATIQUE_ART", "Stage de découverte du violon", 25_00, 10),
    ("SEANCE_ESSAI_PRATIQUE_ART", "Séance d'essai : percussions", 0, 12),
    ("ATELIER_PRATIQUE_ART", "Masterclass de piano", 30_00, 8),
    ("ATELIER_PRATIQUE_ART", "Atelier de danse hip-hop", 12_00, 15),
    ("ABO_PRATIQUE_ART", "Abonnement chorale (trimestre)", 45_00, 30),
    ("LOCATION_INSTRUMENT", "Location de guitare (trimestre)", 40_00, 6),
)
LIBRARY_OFFERS = (
    ("ABO_BIBLIOTHEQUE", "Abonnement annuel à la médiathèque", 0, None),
    ("RENCONTRE", "Rencontre avec une autrice jeunesse", 0, 40),
    ("CONFERENCE", "Conférence : lire le monde en bande dessinée", 0, 60),
    ("ATELIER_PRATIQUE_ART", "Atelier d'écriture", 5_00, 12),
)

# (subcategory, title, price in cents, national) — the digital venue's offers, with a URL.
DIGITAL_OFFERS = (
    ("VOD", "Anatomie d'une chute (VOD)", 4_99, True),
    ("VOD", "Le Règne animal (VOD)", 4_99, True),
    ("VOD", "La Haine (VOD)", 2_99, True),
    ("ABO_PLATEFORME_VIDEO", "Abonnement cinéma d'auteur en ligne (3 mois)", 19_90, True),
    ("ABO_PLATEFORME_MUSIQUE", "Abonnement musique en streaming (3 mois)", 29_97, True),
    ("ABO_PLATEFORME_MUSIQUE", "Abonnement musique en streaming (1 mois)", 10_99, True),
    ("TELECHARGEMENT_MUSIQUE", "Album à télécharger : Racine carrée", 9_99, True),
    ("ABO_PRESSE_EN_LIGNE", "Abonnement presse quotidienne en ligne (6 mois)", 30_00, True),
    ("ABO_PRESSE_EN_LIGNE", "Abonnement magazine culturel en ligne (1 an)", 24_00, True),
    ("JEU_EN_LIGNE", "Jeu vidéo narratif à télécharger", 14_99, True),
    ("APP_CULTURELLE", "Application d'apprentissage du solfège", 6_99, True),
    ("PODCAST", "Podcast : histoires du cinéma", 0, True),
    ("TELECHARGEMENT_LIVRE_AUDIO", "Livre audio : Le Petit Prince", 12_90, True),
    ("VISITE_VIRTUELLE", "Visite virtuelle de la cathédrale de Strasbourg", 3_00, False),
)

CINEMA_PASS = ("CARTE_CINE_MULTISEANCES", "Carte 5 séances", 27_50)
SHOWTIMES = ("11:00", "14:00", "16:15", "18:30", "20:45")
