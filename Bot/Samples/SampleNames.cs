namespace Bot.Samples;

/// <summary>
/// Names for the sample district. First names are common ones; every family name is invented so that no row can be
/// mistaken for a real person, and a few carry "Sample" outright. Spanish-sounding and non-ASCII names are there so
/// that the importer, the desk and the SMS replies are exercised with accents and hyphens.
/// </summary>
internal static class SampleNames
{
    public static readonly IReadOnlyList<string> FirstNames =
    [
        "Emma", "Liam", "Olivia", "Noah", "Ava", "Elijah", "Sophia", "James", "Isabella", "Lucas",
        "Mia", "Henry", "Amelia", "Benjamin", "Harper", "Theodore", "Evelyn", "Jack", "Abigail", "Owen",
        "Emily", "Samuel", "Ella", "Wyatt", "Grace", "Caleb", "Chloe", "Nathan", "Lily", "Isaac",
        "Zoe", "Ryan", "Nora", "Aaron", "Hannah", "Jordan", "Layla", "Adrian", "Riley", "Miles",
        "Aaliyah", "Malik", "Priya", "Arjun", "Mei", "Kenji", "Amara", "Tariq", "Leila", "Omar",
        "Mateo", "Sofía", "Santiago", "Valentina", "Diego", "Camila", "Sebastián", "Lucía", "Alejandro", "Ximena",
        "Daniela", "Emiliano", "Renata", "Joaquín", "Mariana", "Andrés", "Gabriela", "Julián", "Paola", "Tomás",
    ];

    public static readonly IReadOnlyList<string> InventedFamilyNames =
    [
        "Quillfeather", "Brightwater", "Ambermoor", "Thistlewood", "Copperfield-Sample", "Fernwhistle", "Pebblethorn",
        "Mossbrook", "Wrenhaven", "Larkspindle", "Puddleford", "Tumbleweave", "Marrowdale", "Cinderquill",
        "Glimmerstone", "Hazelbranch", "Brambleton-Sample", "Kettlewick", "Nettlecombe-Sample", "Dewberrow",
        "Applegarth-Sample", "Starlingford", "Oakhollow", "Foxglimmer", "Saltmarsh-Sample", "Honeywhistle",
        "Pinecrest-Sample", "Moonfallow", "Riverquill", "Stonebarrow", "Willowspark", "Hollyfeather", "Cloverdune",
        "Ashenbrook", "Maplequist", "Sparrowholt", "Tidewhistle", "Emberlock", "Frostmantle", "Gingerbrook",
        "O'Quillan-Sample", "Mistleford",
    ];

    public static readonly IReadOnlyList<string> InventedSpanishFamilyNames =
    [
        "Valdemora", "Ríoclaro", "Montesauce", "Peñaluna", "Arroyoplata", "Solcastaño", "Torremiel", "Vallenube",
        "Brisadoro", "Lunaverde", "Cañamiel", "Robleluz", "Fuentenieve", "Sierramiel", "Olmedoro", "Piedraluna",
        "Campoestrella", "Nubeclara", "Muñozmuestra", "Garcíaensayo", "Trigoazul", "Lomaserena",
    ];
}
