/**
 * The file-search preset's document: a short bestiary entry (after the seed's example about ancient brown
 * dragons), uploaded to a vector store before the preset runs. Invented for the playground; free to reuse.
 */
export const DRAGONS_TXT = `A Field Guide to Dragons: the Ancient Brown Dragon

Appearance. The ancient brown dragon is among the largest of its kind: 25 to 30 metres from snout to tail, with a
wingspan near 35 metres. Its scales run from deep brown to dull copper and darken with age. Two swept-back horns
and a ridge of spines crown its head, and its heavy jaw is built for tearing.

Breath. It breathes a cone of caustic acid that eats through armour and stone alike.

Burrowing. Brown dragons are tireless diggers. In deserts and dry mountains they carve long tunnel systems with
many false entrances, and they can wait beneath the sand for days before striking.

Mind. Scholars count the ancient brown dragon among the most cunning and patient of dragons. It speaks several
languages, plans its battles in advance, and will wait for centuries to take revenge.

Habitat. It favours hot, dry land: badlands, deserts and arid highlands, far from rivers and rain.

Hoard. Its hoard is famous for copper coins, rubies and objects touched by fire magic.

Lifespan. It is one of the longest-lived dragons, reaching 2,000 to 2,500 years; its strength and magic grow with
age.

Temper. Fiercely territorial and quick to anger, it shows no mercy to intruders, yet its patience is as legendary
as its rage.
`;
