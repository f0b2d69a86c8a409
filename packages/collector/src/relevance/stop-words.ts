// Short, hand-picked lists: only function words that never carry an ad's meaning. Accents are already
// stripped when these are consulted, so "más" is listed as "mas".
const SPANISH = `a al algo algun alguna algunas alguno algunos ante antes aqui asi aun bajo bien cada como con contra cual
cuando de del desde donde dos e el ella ellas ello ellos en entre era es esa esas ese eso esos esta estan estas este esto
estos fue ha hay hasta la las le les lo los mas me mi mis muy nada ni no nos nuestra nuestro o os otra otro para pero poco
por porque que quien se sea ser si sin sobre son su sus tambien te tiene tu tus un una unas uno unos y ya yo
cada todo toda todos todas tus vuestro vuestra cualquier segun`;

const ENGLISH = `a about after all also am an and any are as at be been before being but by can could did do does for
from had has have he her here his how i if in into is it its just me more most my no nor not of off on once only or other
our out over own same she should so some such than that the their them then there these they this those through to too
under until up very was we were what when where which while who whom why will with would you your yours
every each all any get got let may might must us per via`;

/** Function words of Spanish and English, accent-free and lower-case. */
export const STOP_WORDS: ReadonlySet<string> = new Set(`${SPANISH} ${ENGLISH}`.split(/\s+/));
