package org.enclave.pseudonymiser.synth;

import java.util.SplittableRandom;

/**
 * Common French family and given names, so that the direct identifiers of a synthetic extract look like the
 * real thing (including accented letters, which exercise the UTF-8 path). They are dropped at ingest.
 */
final class Names {

    private static final String[] FAMILY = {
        "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
        "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
        "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure", "André",
        "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia",
        "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson",
        "Marchand", "Duval", "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier",
        "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud",
        "Martinez", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron",
        "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier", "Philippe",
        "Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc", "Payet", "Rolland", "Leclercq", "Guillaume", "Lecomte",
    };

    private static final String[] MALE = {
        "Jean", "Pierre", "Michel", "André", "Philippe", "Alain", "Bernard", "Jacques", "Daniel", "Patrick",
        "Nicolas", "Christophe", "Stéphane", "Julien", "Sébastien", "Thomas", "Lucas", "Hugo", "Léo", "Gabriel",
        "Louis", "Arthur", "Jules", "Nathan", "Mathis", "Raphaël", "Théo", "Noah", "Jérôme", "Loïc",
    };

    private static final String[] FEMALE = {
        "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Françoise", "Christine", "Monique", "Valérie", "Sandrine",
        "Sophie", "Céline", "Aurélie", "Julie", "Camille", "Léa", "Manon", "Emma", "Chloé", "Inès",
        "Jade", "Louise", "Alice", "Lina", "Rose", "Anna", "Hélène", "Élodie", "Zoé", "Maëlle",
    };

    private Names() {
    }

    static String family(SplittableRandom random) {
        // Squaring the uniform draw makes the first names of the list (the most frequent in France) more common.
        double u = random.nextDouble();
        return FAMILY[(int) (FAMILY.length * u * u)];
    }

    static String given(boolean female, SplittableRandom random) {
        String[] names = female ? FEMALE : MALE;
        return names[random.nextInt(names.length)];
    }
}
