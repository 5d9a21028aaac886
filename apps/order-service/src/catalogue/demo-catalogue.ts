import type { CatalogueMerchant } from '@dinner-rush/contracts';

/** Short, stable menu-item ids: `i-<merchant>-<dish>`. */
function menu(merchant: string, items: [dish: string, name: string, priceCents: number][]) {
  return items.map(([dish, name, priceCents]) => ({
    id: `i-${merchant}-${dish}`,
    name,
    priceCents,
  }));
}

/**
 * The demo city's merchants, all within ~6 km of Berlin centre (52.5200, 13.4050).
 * Ids are stable so load tests, docs and other services' fixtures can name them.
 */
export const DEMO_CATALOGUE: readonly CatalogueMerchant[] = [
  {
    id: 'm-curry-36',
    name: 'Curry 36',
    location: { lat: 52.4937, lng: 13.3878 },
    menu: menu('curry-36', [
      ['currywurst', 'Currywurst ohne Darm', 390],
      ['currywurst-darm', 'Currywurst mit Darm', 410],
      ['pommes', 'Pommes', 320],
      ['bratwurst', 'Bratwurst', 390],
      ['currywurst-pommes', 'Currywurst mit Pommes', 650],
      ['cola', 'Cola 0,33 l', 250],
    ]),
  },
  {
    id: 'm-konnopke',
    name: "Konnopke's Imbiss",
    location: { lat: 52.5407, lng: 13.4121 },
    menu: menu('konnopke', [
      ['currywurst', 'Currywurst', 350],
      ['bockwurst', 'Bockwurst', 320],
      ['pommes-rot-weiss', 'Pommes rot-weiß', 330],
      ['bulette', 'Bulette', 380],
    ]),
  },
  {
    id: 'm-kotti-doener',
    name: 'Kotti Döner',
    location: { lat: 52.499, lng: 13.418 },
    menu: menu('kotti-doener', [
      ['doener', 'Döner Kebab', 650],
      ['duerum', 'Dürüm', 750],
      ['lahmacun', 'Lahmacun', 500],
      ['falafel-teller', 'Falafel-Teller', 800],
      ['ayran', 'Ayran', 200],
    ]),
  },
  {
    id: 'm-pho-mitte',
    name: 'Phở Mitte',
    location: { lat: 52.5265, lng: 13.393 },
    menu: menu('pho-mitte', [
      ['pho-bo', 'Phở Bò', 1190],
      ['pho-ga', 'Phở Gà', 1090],
      ['sommerrollen', 'Sommerrollen', 590],
      ['bun-cha', 'Bún Chả', 1250],
      ['jasmintee', 'Jasmintee', 350],
    ]),
  },
  {
    id: 'm-pizza-boxhagen',
    name: 'Pizzeria Boxhagen',
    location: { lat: 52.5105, lng: 13.46 },
    menu: menu('pizza-boxhagen', [
      ['margherita', 'Pizza Margherita', 850],
      ['diavola', 'Pizza Diavola', 1050],
      ['quattro-formaggi', 'Pizza Quattro Formaggi', 1150],
      ['funghi', 'Pizza Funghi', 950],
      ['tiramisu', 'Tiramisu', 550],
      ['limonata', 'Limonata', 320],
    ]),
  },
  {
    id: 'm-sushi-tiergarten',
    name: 'Sushi Tiergarten',
    location: { lat: 52.509, lng: 13.356 },
    menu: menu('sushi-tiergarten', [
      ['sake-maki', 'Sake Maki (6 Stk.)', 490],
      ['sake-nigiri', 'Sake Nigiri (2 Stk.)', 450],
      ['california-roll', 'California Roll', 890],
      ['miso-suppe', 'Miso-Suppe', 350],
      ['edamame', 'Edamame', 450],
      ['bento', 'Bento Box', 1490],
      ['matcha', 'Matcha Latte', 390],
    ]),
  },
];
